import type { Generated, Selectable } from 'kysely';

/**
 * Affiliate payouts (features/affiliate-payouts): each payout with its
 * self-billed credit note, and the SEPA credit transfer files.
 */

/** 'open': made, waiting for the money (possibly in a SEPA file); 'paid': the creator marked it paid. */
export type AffiliatePayoutStatus = 'open' | 'paid';

export interface AffiliatePayoutsTable {
  id: string;
  affiliate_id: string;
  currency: string;
  /** Gross: what is transferred (net + VAT). */
  amount_minor: number;
  /** The commission paid out of the ledger (recordPayout's amount). */
  net_minor: number;
  vat_minor: number;
  vat_rate_bp: number;
  /** credit-note.ts CreditNoteScheme. */
  vat_scheme: string;
  status: Generated<AffiliatePayoutStatus>;
  /** The payout month, YYYY-MM (store time zone); UNIQUE with affiliate and currency. */
  period: string;
  /** The last SEPA file that carried it (null: none yet). */
  sepa_batch_id: string | null;
  /** "GS-2026-00001": gap-free, its own sequence. UNIQUE. */
  credit_note_number: string;
  /** JSON CreditNoteDocument: what the credit note says, as issued. */
  document: string;
  created_at: string;
  paid_at: string | null;
  /** Who marked it paid (admin email). */
  paid_by: string | null;
}

export interface AffiliatePayoutBatchesTable {
  id: string;
  /** The pain.001 MsgId (and PmtInfId). UNIQUE. */
  message_id: string;
  payout_count: number;
  total_minor: number;
  currency: string;
  execution_date: string;
  /** The pain.001 XML as downloaded: the same bytes again on a second download. */
  file: string;
  created_by: string;
  created_at: string;
}

export type AffiliatePayout = Selectable<AffiliatePayoutsTable>;
export type AffiliatePayoutBatch = Selectable<AffiliatePayoutBatchesTable>;
