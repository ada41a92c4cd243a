import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { offsetMinutes } from '../analytics/day-shift.js';
import { decideOrderTax, type OrderTax, type ResolvedBuyer, resolveBuyer } from '../checkout/order-tax.js';
import { isEuCountry, localDate } from '../tax/countries.js';
import { VAT_RATES } from '../tax/rates.js';
import type { TaxSettings } from '../tax/tax-settings.js';
import type { CatalogProduct, DemoCatalog } from './demo-history-catalog.js';
import type { HistoricalOrder } from './demo-history-orders.js';
import type { DemoPlan } from './demo-history-plan.js';
import type { DemoPerson } from './demo-people.js';

/** What every part of the demo history shares while it is built. */
export type HistoryContext = {
  db: Kysely<DB>;
  now: Date;
  nowIso: string;
  /** The store-local day of `now`; the history ends the day before. */
  today: string;
  timeZone: string;
  locale: Locale;
  currency: string;
  storeName: string;
  plan: DemoPlan;
  catalog: DemoCatalog;
  /** The UTC instant of a store-local day and minute. */
  instant: (day: string, minute: number) => string;
  /** The customer record of a person (made on first use; created at the earliest time asked for). */
  customerOf: (person: number, at: string) => HistoricalOrder['customer'];
  customers: Map<number, HistoricalOrder['customer'] & { createdAt: string }>;
  /** Buyer evidence and VAT exactly as checkout would decide them for this person, product, amount and time. */
  decide: (
    product: CatalogProduct,
    person: DemoPerson,
    amountMinor: number,
    at: string,
  ) => Promise<{ buyer: ResolvedBuyer; tax: OrderTax | undefined }>;
};

export function instantIn(timeZone: string): (day: string, minute: number) => string {
  return (day, minute) => {
    const wall = Date.parse(`${day}T00:00:00Z`) + minute * 60_000;
    return new Date(wall - offsetMinutes(new Date(wall), timeZone) * 60_000).toISOString();
  };
}

export function customerBook(plan: DemoPlan) {
  const customers: HistoryContext['customers'] = new Map();
  const customerOf = (person: number, at: string) => {
    const p = plan.people[person];
    if (!p) throw new RangeError(`no person ${person}`);
    const known = customers.get(person);
    if (known) {
      if (at < known.createdAt) known.createdAt = at;
      return known;
    }
    const c = { id: crypto.randomUUID(), email: p.email, name: p.name, locale: p.locale, createdAt: at };
    customers.set(person, c);
    return c;
  };
  return { customers, customerOf };
}

/** Which of a country's dated VAT rate entries is in force on a day ('' outside the EU). */
function rateEra(country: string, day: string): string {
  if (!isEuCountry(country)) return '';
  return (
    VAT_RATES[country]
      .map((r) => r.from)
      .filter((from) => from <= day)
      .sort()
      .at(-1) ?? ''
  );
}

/**
 * The checkout's own two steps: the buyer's evidence (`resolveBuyer`: the
 * chosen country and the browser's language; no IP is invented) and the VAT
 * (`decideOrderTax`: the tax engine with the store's settings). A decision is
 * remembered per product, country, amount, year of supply and the rate
 * entries in force for buyer and seller on that day: the engine's answer
 * depends on nothing else (its turnover counters are per year and read from
 * invoices, of which the history issues none), and asking it 1,600 times
 * instead of 200 would take most of the demo's time budget.
 */
export function taxDecider(db: Kysely<DB>, settings: TaxSettings | undefined, currency: string) {
  const memo = new Map<string, Promise<OrderTax | undefined>>();
  return async (product: CatalogProduct, person: DemoPerson, amountMinor: number, at: string) => {
    const resolved = await resolveBuyer(db, settings, {
      billingCountry: person.country,
      billingCountrySource: 'buyer',
      vatId: '',
      address: { name: '', street: '', postcode: '', city: '' },
      ip: null,
      ipCountry: null,
      acceptLanguage: person.acceptLanguage,
      totalMinor: amountMinor,
      currency,
    });
    if (!resolved.ok) throw new Error(`demo buyer refused: ${resolved.error}`);
    const buyer = resolved.value;
    const day = settings ? localDate(at, settings.country) : '';
    const key = [
      product.id,
      buyer.buyer.country,
      amountMinor,
      day.slice(0, 4),
      rateEra(buyer.buyer.country, day),
      rateEra(settings?.country ?? '', day),
    ].join('|');
    let tax = memo.get(key);
    if (!tax) {
      tax = settings
        ? decideOrderTax(db, {
            settings,
            buyer: buyer.buyer,
            currency,
            items: [{ product_id: product.id, title: product.title, total_minor: amountMinor }],
            now: at,
          })
        : Promise.resolve(undefined);
      memo.set(key, tax);
    }
    return { buyer, tax: await tax };
  };
}
