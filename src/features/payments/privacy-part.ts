import type { PrivacyPart } from '../privacy/privacy-part.js';

/** The card's country is location evidence about the buyer (the provider's fee is the seller's own cost, not exported). */
export const paymentsPrivacyPart: PrivacyPart = {
  export: async (db, { orderIds }) => ({
    payments:
      orderIds.length === 0
        ? []
        : await db
            .selectFrom('order_payment_details')
            .select(['order_id', 'provider', 'card_country', 'created_at'])
            .where('order_id', 'in', orderIds)
            .execute(),
  }),
};
