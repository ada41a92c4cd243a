import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { memoize } from '../../domain/memo.js';
import { type BuyerEvidence, decideLines } from '../invoices/decide-lines.js';
import { buildInvoiceDraft, SMALL_AMOUNT_LIMIT_MINOR } from '../invoices/model.js';
import { TaxError, type TaxMode, type TaxScheme } from '../tax/categories.js';
import { isBillingCountry, localDate, normaliseCountry } from '../tax/countries.js';
import type { TaxSettings } from '../tax/tax-settings.js';
import { checkVatId } from '../tax/vat-id.js';
import { verifyVatId } from '../tax/verify-vat-id.js';
import {
  type BillingCountrySource,
  type CountryConflict,
  type LocationEvidence,
  weighEvidence,
} from './location-evidence.js';

export type { BillingCountrySource, CountryConflict, LocationEvidence } from './location-evidence.js';

/**
 * The buyer's side of VAT at checkout: the billing country (checked against
 * the list of countries), a VAT ID (offline check, then VIES), the location
 * evidence kept with the order, and the VAT included in the gross price.
 * Prices stay as the store set them (gross, § 1 PAngV): the buyer pays the
 * same total everywhere and the VAT is the part of it that the decision says.
 */

export type BillingAddress = { name: string; street: string; postcode: string; city: string };

export type BuyerTaxInput = {
  billingCountry: string;
  /** buyer: chosen in the form; otherwise the default it fell back to (a form without the field). */
  billingCountrySource?: BillingCountrySource | undefined;
  vatId: string;
  address: BillingAddress;
  ip: string | null;
  /** The IP address's country from the local GeoIP database; null when unknown. */
  ipCountry: string | null;
  /** The country the buyer confirmed against a contradicting IP country (the confirmation box's value). */
  confirmedCountry?: string | undefined;
  acceptLanguage: string | undefined;
  totalMinor: number;
  currency: string;
};

export type BuyerTaxError =
  | 'country-unknown'
  | 'vat-id-malformed'
  | 'vat-id-invalid'
  | 'vat-id-country'
  | 'vat-id-unconfigured'
  | 'address-required'
  /** The IP country contradicts the chosen one: the buyer must confirm it (see location-evidence.ts). */
  | 'country-conflict';

export type ResolveBuyerResult =
  | { ok: true; value: ResolvedBuyer }
  | { ok: false; error: BuyerTaxError; conflict?: CountryConflict | undefined };

export type ResolvedBuyer = {
  buyer: BuyerEvidence;
  viesCheckId: string | null;
  evidence: LocationEvidence;
  address: BillingAddress | null;
};

/** The region of the first Accept-Language tag that names one ("de-AT" → "AT"). */
export function languageCountry(header: string | undefined): string | null {
  if (!header) return null;
  return header.length > 300 ? regionOf(header) : regionOfHeader(header);
}

/** Remembered per header: every product page view asks. */
const regionOfHeader = memoize(200, regionOf);

function regionOf(header: string): string | null {
  for (const part of header.split(',').slice(0, 10)) {
    const tag = part.split(';')[0]?.trim() ?? '';
    const m = /^[a-z]{2,3}(?:-[a-z]{4})?-([a-z]{2})$/i.exec(tag);
    if (m?.[1]) {
      const c = m[1].toUpperCase();
      if (isBillingCountry(c)) return c;
    }
  }
  return null;
}

/** The country the form starts with: the browser's region, else the seller's country. */
export function defaultBillingCountry(acceptLanguage: string | undefined, settings: TaxSettings | undefined): string {
  return languageCountry(acceptLanguage) ?? settings?.country ?? 'DE';
}

/** Where a form without a country field got its country from. */
export function defaultCountrySource(acceptLanguage: string | undefined): BillingCountrySource {
  return languageCountry(acceptLanguage) ? 'accept-language' : 'store';
}

function cleanAddress(a: BillingAddress): BillingAddress | null {
  const v = { name: a.name.trim(), street: a.street.trim(), postcode: a.postcode.trim(), city: a.city.trim() };
  return v.name || v.street || v.postcode || v.city ? v : null;
}

export async function resolveBuyer(
  db: Kysely<DB>,
  settings: TaxSettings | undefined,
  input: BuyerTaxInput,
): Promise<ResolveBuyerResult> {
  const country = normaliseCountry(input.billingCountry);
  if (!isBillingCountry(country)) return { ok: false, error: 'country-unknown' };
  const address = cleanAddress(input.address);
  const fromLanguage = languageCountry(input.acceptLanguage);
  const evidence: LocationEvidence = {
    billingCountry: country,
    billingCountrySource: input.billingCountrySource ?? 'buyer',
    ip: input.ip,
    ipCountry: input.ipCountry,
    acceptLanguage: input.acceptLanguage?.slice(0, 200) ?? null,
    languageCountry: fromLanguage,
    vatIdCountry: null,
    agree: null,
    conflicts: [],
    confirmedByBuyer: false,
    vatIdUnverified: null,
    viesError: null,
  };
  let vatId: string | null = null;
  let viesCheckId: string | null = null;
  const typed = input.vatId.trim();
  if (typed !== '') {
    const offline = checkVatId(typed);
    if (!offline.ok) return { ok: false, error: 'vat-id-malformed' };
    if (offline.country !== country) return { ok: false, error: 'vat-id-country' };
    if (!settings) return { ok: false, error: 'vat-id-unconfigured' };
    // § 14 Abs. 4 Nr. 1 UStG: a full invoice names the buyer's address; only up to 250 EUR may it be left out.
    const fullInvoice = input.currency !== 'EUR' || input.totalMinor > SMALL_AMOUNT_LIMIT_MINOR;
    if (fullInvoice && !(address?.name && address.street && address.postcode && address.city))
      return { ok: false, error: 'address-required' };
    const verdict = await verifyVatId(db, offline.vatId, {
      url: settings.viesUrl,
      requester: settings.vatId || undefined,
      timeoutMs: 5_000,
    });
    if (verdict.status === 'invalid') return { ok: false, error: 'vat-id-invalid' };
    if (verdict.status === 'valid') {
      vatId = verdict.vatId;
      viesCheckId = verdict.checkId;
      evidence.vatIdCountry = country;
    } else if (verdict.status === 'unavailable') {
      viesCheckId = verdict.checkId;
      evidence.vatIdUnverified = verdict.vatId;
      evidence.viesError = verdict.error;
    }
  }
  const weighed = weighEvidence(
    country,
    [
      { source: 'ip', country: input.ipCountry },
      // A country taken from Accept-Language cannot confirm itself.
      { source: 'language', country: evidence.billingCountrySource === 'accept-language' ? null : fromLanguage },
      { source: 'vat_id', country: evidence.vatIdCountry },
    ],
    input.confirmedCountry ? normaliseCountry(input.confirmedCountry) : null,
  );
  if (weighed.confirm) return { ok: false, error: 'country-conflict', conflict: weighed.confirm };
  evidence.agree = weighed.agree;
  evidence.conflicts = weighed.conflicts;
  evidence.confirmedByBuyer = weighed.confirmedByBuyer;
  return { ok: true, value: { buyer: { country, vatId }, viesCheckId, evidence, address } };
}

export type OrderTax = {
  mode: TaxMode;
  scheme: TaxScheme;
  taxCountry: string | null;
  rateBp: number;
  taxMinor: number;
  /** VAT of each item, in the order given. */
  itemTaxMinor: number[];
};

/** The tax decision for an order: one product per checkout, so one scheme, country and rate. */
export async function decideOrderTax(
  db: Kysely<DB>,
  o: {
    settings: TaxSettings;
    buyer: BuyerEvidence;
    currency: string;
    items: readonly { product_id: string; title: string; total_minor: number }[];
    now: string;
  },
): Promise<OrderTax> {
  const totalMinor = o.items.reduce((s, i) => s + i.total_minor, 0);
  const decided = await decideLines(db, {
    settings: o.settings,
    buyer: o.buyer,
    supplyDate: localDate(o.now, o.settings.country),
    currency: o.currency,
    totalMinor,
    items: o.items,
  });
  const draft = buildInvoiceDraft(
    o.items.map((i, n) => {
      const line = decided.lines[n];
      if (!line) throw new RangeError('no decision for a line');
      return { title: i.title, quantity: 1, ...line, grossMinor: i.total_minor };
    }),
    decided.mode,
  );
  return {
    mode: decided.mode,
    scheme: draft.scheme,
    taxCountry: draft.taxCountry,
    rateBp: draft.breakdown.find((g) => g.scheme === draft.scheme && g.taxCountry === draft.taxCountry)?.rateBp ?? 0,
    taxMinor: draft.taxMinor,
    itemTaxMinor: draft.lines.map((l) => l.grossMinor - l.netMinor),
  };
}

/** What the checkout shows next to the gross price for the chosen country (a consumer). */
export type VatPreview = {
  scheme: TaxScheme;
  rateBp: number;
  taxCountry: string | null;
  buyerCountry: string;
  /** The VAT in a fixed price; null when the buyer names the price. */
  taxMinor: number | null;
};

export async function previewVat(
  db: Kysely<DB>,
  settings: TaxSettings | undefined,
  product: {
    id: string;
    title: string;
    pricing: string;
    currency: string;
    price_minor: number;
    min_price_minor: number;
  },
  country: string,
): Promise<VatPreview | undefined> {
  if (!settings || product.pricing === 'free' || !isBillingCountry(country)) return undefined;
  const fixed = product.pricing === 'fixed';
  let tax: OrderTax;
  try {
    tax = await decideOrderTax(db, {
      settings,
      buyer: { country, vatId: null },
      currency: product.currency,
      items: [
        {
          product_id: product.id,
          title: product.title,
          total_minor: fixed ? product.price_minor : product.min_price_minor,
        },
      ],
      now: new Date().toISOString(),
    });
  } catch (err) {
    if (err instanceof TaxError) return undefined; // checkout itself answers with a form error
    throw err;
  }
  return {
    scheme: tax.scheme,
    rateBp: tax.rateBp,
    taxCountry: tax.taxCountry,
    buyerCountry: country,
    taxMinor: fixed ? tax.taxMinor : null,
  };
}
