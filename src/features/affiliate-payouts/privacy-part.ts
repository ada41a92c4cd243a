import type { PrivacyPart } from '../privacy/privacy-part.js';

/**
 * An affiliate's payouts and their credit notes. Export: each payout with the
 * credit note as issued. Erasure: nothing — credit notes are invoices kept for
 * ten years (§ 147 AO, § 14b UStG), so they stay; affiliates' own erasure
 * keeps the partner record behind them for the same reason.
 */
export const affiliatePayoutsPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => {
    const rows = await db
      .selectFrom('affiliate_payouts')
      .innerJoin('affiliates', 'affiliates.id', 'affiliate_payouts.affiliate_id')
      .select([
        'affiliate_payouts.credit_note_number',
        'affiliate_payouts.period',
        'affiliate_payouts.currency',
        'affiliate_payouts.net_minor',
        'affiliate_payouts.vat_minor',
        'affiliate_payouts.amount_minor',
        'affiliate_payouts.status',
        'affiliate_payouts.created_at',
        'affiliate_payouts.paid_at',
        'affiliate_payouts.document',
      ])
      .where('affiliates.email', '=', address)
      .orderBy('affiliate_payouts.created_at')
      .execute();
    return {
      affiliatePayouts: rows.map(({ document, ...p }) => ({ ...p, creditNote: JSON.parse(document) as unknown })),
    };
  },
};
