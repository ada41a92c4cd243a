import type { PrivacyPart } from '../privacy/privacy-part.js';

/** The subject's licence keys (the hashed lookup key stays out; the key as shown to the buyer is in). */
export const licensingPrivacyPart: PrivacyPart = {
  export: async (db, { orderIds }) => ({
    licenceKeys:
      orderIds.length === 0
        ? []
        : await db
            .selectFrom('license_keys')
            .select([
              'id',
              'display_key',
              'order_id',
              'product_id',
              'activation_usage',
              'expires_at',
              'disabled_at',
              'created_at',
            ])
            .where('order_id', 'in', orderIds)
            .execute(),
  }),
};
