import type { PrivacyPart } from '../privacy/privacy-part.js';

/** The subject's deliveries and every download of them. */
export const deliveryPrivacyPart: PrivacyPart = {
  export: async (db, { orderIds }) => {
    if (orderIds.length === 0) return { deliveries: [], downloads: [] };
    const [deliveries, downloads] = await Promise.all([
      db.selectFrom('deliveries').selectAll().where('order_id', 'in', orderIds).execute(),
      db
        .selectFrom('downloads')
        .innerJoin('deliveries', 'deliveries.id', 'downloads.delivery_id')
        .select(['downloads.id', 'downloads.delivery_id', 'downloads.created_at', 'deliveries.order_id'])
        .where('deliveries.order_id', 'in', orderIds)
        .execute(),
    ]);
    return { deliveries, downloads };
  },
};
