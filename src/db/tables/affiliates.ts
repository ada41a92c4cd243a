import type { Generated, Selectable } from 'kysely';

/**
 * Affiliates (features/affiliates): partners who recommend the creator's
 * products, the orders attributed to them and the commission ledger.
 */

export type AffiliateStatus = 'applied' | 'approved' | 'rejected' | 'suspended';
export type CommissionKind = 'percent' | 'fixed';
/** 'small_business' = § 19 UStG (no VAT shown); 'regular' = VAT shown / reverse charge; 'not_liable' = private person. */
export type AffiliateVatStatus = 'small_business' | 'regular' | 'not_liable';

export interface AffiliatesTable {
  id: string;
  /** UNIQUE, url-safe: `?ref=CODE` and `/r/CODE/…`. */
  code: string;
  /** Normalised (trimmed, lower case), UNIQUE. */
  email: string;
  name: string;
  status: Generated<AffiliateStatus>;
  commission_kind: Generated<CommissionKind>;
  /** Basis points of the NET line price (after VAT and discounts). */
  commission_percent_bp: Generated<number>;
  /** Per unit sold, in `currency`'s minor units. */
  commission_fixed_minor: Generated<number>;
  currency: string;
  cookie_days: Generated<number>;
  /** Where the applicant means to recommend (from the application). */
  website: Generated<string>;
  /** The applicant's message. */
  note: Generated<string>;
  created_at: string;
  approved_at: string | null;
  updated_at: string;
  legal_name: Generated<string>;
  street: Generated<string>;
  postcode: Generated<string>;
  city: Generated<string>;
  /** ISO 3166-1 alpha-2 ('' until the tax details are given). */
  country: Generated<string>;
  vat_id: string | null;
  tax_number: string | null;
  vat_status: Generated<AffiliateVatStatus>;
  /** Electronic format, no spaces ('' until given). */
  iban: Generated<string>;
  bic: string | null;
  account_holder: Generated<string>;
  /** When the affiliate last saved the tax details (null: never). */
  tax_details_at: string | null;
}

export interface AffiliateProductCommissionsTable {
  affiliate_id: string;
  product_id: string;
  commission_kind: CommissionKind;
  commission_percent_bp: Generated<number>;
  commission_fixed_minor: Generated<number>;
}

export interface AffiliateCouponsTable {
  discount_code_id: string;
  affiliate_id: string;
}

export type AttributionSource = 'link' | 'cookie' | 'coupon';

export interface OrderAttributionsTable {
  order_id: string;
  affiliate_id: string;
  source: AttributionSource;
  created_at: string;
}

export interface AffiliateClicksTable {
  affiliate_id: string;
  /** '' for a link to the store rather than to a product. */
  product_id: string;
  /** Store-local calendar day, YYYY-MM-DD. */
  day: string;
  clicks: Generated<number>;
}

export type CommissionEntryKind = 'pending' | 'approved' | 'reversed' | 'paid' | 'clawed_back';

/** Append-only; what the sums mean is documented in features/affiliates/ledger.ts. */
export interface AffiliateCommissionEntriesTable {
  id: string;
  affiliate_id: string;
  order_id: string | null;
  order_item_id: string | null;
  kind: CommissionEntryKind;
  /** Why this entry exists; UNIQUE with (order_item_id, kind): 'sale', 'refund', 'refund:<total>', 'dispute:<id>', … */
  cause: string;
  /** Signed: what this entry adds to the amount owed to the affiliate. */
  amount_minor: number;
  currency: string;
  /** End of the hold period (pending and approved entries). */
  available_at: string | null;
  payout_id: string | null;
  reason: Generated<string>;
  created_at: string;
}

export interface AffiliateSessionsTable {
  /** sha256 of the cookie's token. */
  id: string;
  affiliate_id: string;
  created_at: string;
  expires_at: string;
}

export type Affiliate = Selectable<AffiliatesTable>;
export type CommissionEntry = Selectable<AffiliateCommissionEntriesTable>;
