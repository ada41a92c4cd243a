import { type TaxCategory, TaxError, type TaxMode, type TaxScheme } from './categories.js';
import { type EuCountry, isEuCountry, isKnownCountry, normaliseCountry } from './countries.js';
import { type RateKind, vatRateOn } from './rates.js';

/**
 * Where a supply is taxed and at which rate. Sources (Council Directive
 * 2006/112/EC, "VAT Directive"; German transposition in brackets):
 * - B2B general rule, place of the customer: Art. 44 (§ 3a Abs. 2 UStG);
 *   the customer owes the VAT: Art. 196 (§ 13b Abs. 1, Abs. 5 UStG).
 * - B2C electronically supplied services: place of the customer, Art. 58
 *   (§ 3a Abs. 5 UStG), unless the supplier's cross-border supplies stay within
 *   10,000 EUR in the current and the preceding calendar year and the supplier
 *   did not opt for destination taxation: Art. 59c (§ 3a Abs. 5 Satz 3–5 UStG).
 * - Services to consumers outside the EU (electronic services, consultancy):
 *   Art. 59 (§ 3a Abs. 4 UStG): not taxable in the EU.
 * - Admission to events: where the event takes place, Art. 53/54(1); virtual
 *   (streamed) events for consumers from 1 Jan 2025 where the customer
 *   resides, Art. 54(1) second subparagraph as amended by Directive (EU) 2022/542.
 * - Other B2C services (a 1:1 session): the supplier's seat, Art. 45 (§ 3a Abs. 1 UStG).
 * - Reduced e-book rate: Art. 98(2) as amended by Directive (EU) 2018/1713.
 * - Small businesses: § 19 UStG exempts only supplies whose place is Germany.
 */
export type SupplyInput = {
  sellerCountry: EuCountry;
  /** The mode in force for this sale (small-business limits already applied). */
  mode: TaxMode;
  buyerCountry: string;
  /** A VAT ID of the buyer that VIES confirmed; null for consumers. */
  buyerVatId: string | null;
  category: TaxCategory;
  /** Physical events and 1:1 services: where they take place (default: the seller's country). */
  placeCountry: EuCountry | null;
  /** The seller's local date of supply, YYYY-MM-DD. */
  date: string;
  /** Art. 59c: the EU-wide threshold is exceeded (or the seller opted in): B2C e-services are taxed at destination. */
  destinationVat: boolean;
};

export type SupplyDecision = { scheme: TaxScheme; taxCountry: EuCountry | null; rateBp: number };

const VIRTUAL_EVENTS_AT_DESTINATION_FROM = '2025-01-01';

export function decideSupply(input: SupplyInput): SupplyDecision {
  const buyer = normaliseCountry(input.buyerCountry);
  if (!isKnownCountry(buyer)) throw new TaxError('unknown_country', `unknown country: ${input.buyerCountry}`);
  const seller = input.sellerCountry;
  const business = input.buyerVatId !== null && isEuCountry(buyer);
  const kind: RateKind = input.category === 'e_publication' ? 'ebook' : 'standard';

  const taxedIn = (country: EuCountry): SupplyDecision => {
    if (country === seller && input.mode === 'small_business')
      return { scheme: 'small_business', taxCountry: seller, rateBp: 0 };
    return {
      scheme: country === seller ? 'domestic' : 'oss',
      taxCountry: country,
      rateBp: vatRateOn(country, kind, input.date),
    };
  };
  const reverseCharge: SupplyDecision = { scheme: 'reverse_charge', taxCountry: null, rateBp: 0 };
  const outsideEu: SupplyDecision = { scheme: 'non_eu', taxCountry: null, rateBp: 0 };

  if (input.category === 'physical_event') {
    const place = input.placeCountry ?? seller;
    if (business && buyer !== seller && place !== seller) return reverseCharge;
    return taxedIn(place);
  }
  if (business && buyer !== seller) return reverseCharge;
  if (!isEuCountry(buyer)) return outsideEu;
  if (input.category === 'personal_service') return taxedIn(business ? buyer : (input.placeCountry ?? seller));
  if (buyer === seller || business) return taxedIn(buyer);
  if (input.category === 'live_online_event') {
    return input.date >= VIRTUAL_EVENTS_AT_DESTINATION_FROM ? taxedIn(buyer) : taxedIn(seller);
  }
  return input.destinationVat ? taxedIn(buyer) : taxedIn(seller);
}

/** Art. 59c(1)(c): 10,000 EUR excluding VAT, counted over all member states together. */
export const EU_THRESHOLD_MINOR = 10_000_00;

/**
 * Destination VAT applies when opted in, when last year's cross-border B2C
 * e-services exceeded the threshold, or from the sale that makes this year's exceed it.
 */
export function destinationVatApplies(o: {
  optIn: boolean;
  lastYearMinor: number;
  thisYearBeforeMinor: number;
  saleMinor: number;
}): boolean {
  return o.optIn || o.lastYearMinor > EU_THRESHOLD_MINOR || o.thisYearBeforeMinor + o.saleMinor > EU_THRESHOLD_MINOR;
}
