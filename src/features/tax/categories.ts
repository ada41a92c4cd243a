/** What a product is, for VAT: decides the place of supply and the rate (see place-of-supply.ts). */
export const TAX_CATEGORIES = [
  'electronic_service',
  'e_publication',
  'live_online_event',
  'physical_event',
  'personal_service',
] as const;

export type TaxCategory = (typeof TAX_CATEGORIES)[number];

/** Downloads, keys, recorded courses and memberships are electronically supplied services. */
export const DEFAULT_TAX_CATEGORY: TaxCategory = 'electronic_service';

export function isTaxCategory(v: unknown): v is TaxCategory {
  return typeof v === 'string' && (TAX_CATEGORIES as readonly string[]).includes(v);
}

export const TAX_MODES = ['small_business', 'regular'] as const;
export type TaxMode = (typeof TAX_MODES)[number];

/**
 * How an invoice is taxed. domestic: the seller's country's VAT; oss: another
 * member state's VAT, declared through the One-Stop-Shop; reverse_charge: the
 * business buyer owes the VAT; non_eu: outside the scope of EU VAT;
 * small_business: § 19 UStG, no VAT charged.
 */
export const TAX_SCHEMES = ['domestic', 'oss', 'reverse_charge', 'non_eu', 'small_business'] as const;
export type TaxScheme = (typeof TAX_SCHEMES)[number];

export function isTaxScheme(v: unknown): v is TaxScheme {
  return typeof v === 'string' && (TAX_SCHEMES as readonly string[]).includes(v);
}

/** A failure the seller or buyer can fix; `code` is a message key suffix. */
export class TaxError extends Error {
  override name = 'TaxError';
  constructor(
    readonly code: 'unknown_country' | 'no_rate' | 'not_configured' | 'currency_decimals' | 'xrechnung_incomplete',
    message: string,
  ) {
    super(message);
  }
}
