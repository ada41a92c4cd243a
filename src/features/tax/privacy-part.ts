import type { PrivacyPart } from '../privacy/privacy-part.js';

/** The VIES confirmations of the VAT IDs the subject's orders carried. */
export const taxPrivacyPart: PrivacyPart = {
  export: async (db, { orderIds }) => {
    if (orderIds.length === 0) return { vatIdChecks: [] };
    const ids = await db
      .selectFrom('orders')
      .select('vies_check_id')
      .where('id', 'in', orderIds)
      .where('vies_check_id', 'is not', null)
      .execute();
    const viesIds = ids.flatMap((o) => (o.vies_check_id ? [o.vies_check_id] : []));
    return {
      vatIdChecks:
        viesIds.length === 0
          ? []
          : await db
              .selectFrom('vies_checks')
              .select(['id', 'vat_id', 'status', 'consultation_number', 'name', 'address', 'checked_at'])
              .where('id', 'in', viesIds)
              .execute(),
    };
  },
};
