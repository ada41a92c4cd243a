import { sql } from 'kysely';
import type { OrderSubscriber } from '../../order-core/events.js';

/**
 * A code is redeemed when checkout creates the order (one guarded UPDATE). An
 * order that runs out unpaid gives its redemption back; should it be paid
 * after all, it uses the code it was priced with again.
 */
export const discountOrderSubscriber: OrderSubscriber = {
  within: {
    paid: async (trx, { order }) => {
      if (order.status !== 'expired' || !order.discount_code_id) return;
      await trx
        .updateTable('discount_codes')
        .set({ redemptions: sql`redemptions + 1` })
        .where('id', '=', order.discount_code_id)
        .execute();
    },
    expired: async (trx, { order }) => {
      if (!order.discount_code_id) return;
      await trx
        .updateTable('discount_codes')
        .set({ redemptions: sql`redemptions - 1` })
        .where('id', '=', order.discount_code_id)
        .where('redemptions', '>', 0)
        .execute();
    },
  },
};
