import type { PrivacyPart } from '../privacy/privacy-part.js';

/**
 * An affiliate's own data. Export: the partner record (with tax details) and
 * its commission ledger. Erasure: an affiliate without commissions or
 * referred orders goes entirely; one with them keeps what the accounts need
 * (name, address, tax and bank details behind credit notes, § 147 AO, § 14b
 * UStG) and is suspended, while the application's free text and the portal's
 * sessions go.
 */
export const affiliatesPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => {
    const affiliate = await db.selectFrom('affiliates').selectAll().where('email', '=', address).executeTakeFirst();
    if (!affiliate) return { affiliate: null, affiliateLedger: [] };
    const ledger = await db
      .selectFrom('affiliate_commission_entries')
      .select(['kind', 'amount_minor', 'currency', 'order_id', 'available_at', 'payout_id', 'reason', 'created_at'])
      .where('affiliate_id', '=', affiliate.id)
      .orderBy('created_at')
      .execute();
    return { affiliate, affiliateLedger: ledger };
  },
  erase: async (trx, address, now): Promise<Record<string, number>> => {
    const affiliate = await trx.selectFrom('affiliates').select('id').where('email', '=', address).executeTakeFirst();
    if (!affiliate) return {};
    const sessions = await trx
      .deleteFrom('affiliate_sessions')
      .where('affiliate_id', '=', affiliate.id)
      .executeTakeFirst();
    const [entries, referred] = await Promise.all([
      trx
        .selectFrom('affiliate_commission_entries')
        .select('id')
        .where('affiliate_id', '=', affiliate.id)
        .limit(1)
        .execute(),
      trx
        .selectFrom('order_attributions')
        .select('order_id')
        .where('affiliate_id', '=', affiliate.id)
        .limit(1)
        .execute(),
    ]);
    if (entries.length === 0 && referred.length === 0) {
      await trx.deleteFrom('affiliate_coupons').where('affiliate_id', '=', affiliate.id).execute();
      await trx.deleteFrom('affiliates').where('id', '=', affiliate.id).execute();
      return { affiliatesDeleted: 1, affiliateSessions: Number(sessions.numDeletedRows) };
    }
    await trx
      .updateTable('affiliates')
      .set({ website: '', note: '', status: 'suspended', updated_at: now })
      .where('id', '=', affiliate.id)
      .execute();
    return { affiliatesKeptForAccounts: 1, affiliateSessions: Number(sessions.numDeletedRows) };
  },
};
