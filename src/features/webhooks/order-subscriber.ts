import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { OrderSubscriber } from '../../order-core/events.js';
import { emitWebhookEvent } from './emit.js';

/** The order as an endpoint sees it: its public fields, amounts in minor units, and what was bought. */
export async function orderPayload(trx: Transaction<DB>, orderId: string) {
  const order = await trx
    .selectFrom('orders')
    .select([
      'id',
      'number',
      'email',
      'status',
      'currency',
      'subtotal_minor',
      'discount_minor',
      'tax_minor',
      'total_minor',
      'refunded_minor',
      'created_at',
      'paid_at',
      'refunded_at',
    ])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const items = await trx
    .selectFrom('order_items')
    .select(['product_id', 'title', 'quantity', 'unit_price_minor', 'total_minor', 'tax_minor'])
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  const n = (v: number) => Number(v);
  return {
    id: order.id,
    number: order.number,
    email: order.email,
    status: order.status,
    currency: order.currency,
    subtotal_minor: n(order.subtotal_minor),
    discount_minor: n(order.discount_minor),
    tax_minor: n(order.tax_minor),
    total_minor: n(order.total_minor),
    refunded_minor: n(order.refunded_minor),
    created_at: order.created_at,
    paid_at: order.paid_at,
    refunded_at: order.refunded_at,
    items: items.map((i) => ({
      product_id: i.product_id,
      title: i.title,
      quantity: n(i.quantity),
      unit_price_minor: n(i.unit_price_minor),
      total_minor: n(i.total_minor),
      tax_minor: n(i.tax_minor),
    })),
  };
}

/** A paid or refunded order reaches the endpoints in the transition's transaction (sent after commit). */
export const webhooksOrderSubscriber: OrderSubscriber = {
  within: {
    paid: async (trx, { order }) => {
      await emitWebhookEvent(trx, 'order.paid', await orderPayload(trx, order.id));
    },
    refunded: async (trx, { order }) => {
      await emitWebhookEvent(trx, 'order.refunded', await orderPayload(trx, order.id));
    },
  },
};
