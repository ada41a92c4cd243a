import type { Generated, Selectable } from 'kysely';

/** Consumer law and privacy: consents, withdrawals, legal pages, data requests, retention. */

/** What a buyer agreed to at checkout, in the words and version shown (§ 356 (5) BGB for digital content). */
export interface OrderConsentsTable {
  id: string;
  order_id: string;
  /** 'digital_content'; UNIQUE with order_id. */
  kind: string;
  text_version: string;
  /** The exact sentence shown, in the buyer's language. */
  text: string;
  locale: string;
  given_at: string;
}

/** 'refunded': refunded at once; 'none': nothing to refund (free or unpaid); 'failed': the provider refused, the creator follows up. */
export type WithdrawalRefund = 'refunded' | 'none' | 'failed';

/** A declaration of withdrawal (§ 356a BGB), one per order (UNIQUE): a repeated submit is one withdrawal. */
export interface WithdrawalsTable {
  id: string;
  order_id: string;
  email: string;
  /** 'form' (order number + email), 'link' (thank-you page or library). */
  source: string;
  refund: WithdrawalRefund;
  /** When the declaration arrived: this time counts for the withdrawal period. */
  received_at: string;
  /**
   * When it was carried out (refund, end of access). Null: declared on the
   * public form and waiting for the buyer's click in the confirmation email
   * sent to the order's address; 'link' declarations are carried out at once.
   */
  confirmed_at: string | null;
}

export type Withdrawal = Selectable<WithdrawalsTable>;

export type LegalPageKind = 'privacy' | 'terms' | 'withdrawal' | 'accessibility';

/** An edited legal page; no row: the built-in template is shown (marked as one). */
export interface LegalPagesTable {
  kind: LegalPageKind;
  locale: string;
  body_md: string;
  updated_at: string;
}

export type PrivacyRequestKind = 'export' | 'erasure';
export type PrivacyRequestStatus = 'requested' | 'completed';

/** Data subject requests and how they were handled (Art. 15, 17, 20 GDPR). */
export interface PrivacyRequestsTable {
  id: string;
  kind: PrivacyRequestKind;
  email: string;
  /** 'customer' (from the library) or 'admin'. */
  source: string;
  status: PrivacyRequestStatus;
  detail: Generated<string>;
  requested_at: string;
  handled_at: string | null;
  handled_by: string | null;
}

/** Orders of an erased customer, kept only for the legal retention period, then deleted by a daily job. */
export interface RetentionLocksTable {
  order_id: string;
  keep_until: string;
  reason: string;
  locked_at: string;
}

/** Per-product legal flags: distance learning that needs a licence under the FernUSG. */
export interface ProductLegalTable {
  product_id: string;
  distance_learning: Generated<number>;
  fernusg_licence: Generated<string>;
  updated_at: string;
}
