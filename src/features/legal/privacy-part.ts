import type { PrivacyPart } from '../privacy/privacy-part.js';

/** The consents the subject gave at checkout and their withdrawals. */
export const legalPrivacyPart: PrivacyPart = {
  export: async (db, { orderIds }) => {
    if (orderIds.length === 0) return { consents: [], withdrawals: [] };
    const [consents, withdrawals] = await Promise.all([
      db.selectFrom('order_consents').selectAll().where('order_id', 'in', orderIds).execute(),
      db.selectFrom('withdrawals').selectAll().where('order_id', 'in', orderIds).execute(),
    ]);
    return { consents, withdrawals };
  },
};
