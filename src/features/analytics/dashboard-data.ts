import type { Kysely } from 'kysely';
import type { DB, ProductKind } from '../../db/schema.js';
import { commissionCostByDay } from '../affiliates/commission-cost.js';
import { type CountrySales, loadCountrySales } from './country-data.js';
import { isUsableDay } from './effort-input.js';
import { loadMembershipAnalytics, type MembershipAnalytics } from './membership-figures.js';
import { loadPodcastFigures, type PodcastShowFigures } from './podcast-figures.js';
import { getAnalyticsSettings } from './settings.js';
import { localDay, type Period } from './time-zone.js';
import { type RangeKey, rangeOf } from './view-options.js';

const n = (v: unknown) => Number(v ?? 0);

export type SalesDay = {
  day: string;
  gross: number;
  refunded: number;
  /** VAT included in gross, and in refunded. */
  tax: number;
  refundedTax: number;
  orders: number;
  refunds: number;
  newCustomers: number;
  /** Payment fees charged in this currency, and the orders they belong to. */
  fee: number;
  feeOrders: number;
  /** Orders whose fee was charged in another currency (not in `fee`). */
  foreignFeeOrders: number;
};
export type ProductFigures = {
  id: string;
  title: string;
  /** 'membership': a paid tier's product (each billing period is one of its orders). */
  kind: ProductKind;
  priceMinor: number;
  gross: number;
  refunded: number;
  tax: number;
  refundedTax: number;
  fee: number;
  orders: number;
  units: number;
  minutes: number;
  trailingNet: number;
  trailingUnits: number;
  rangeOrders: number;
  views: number;
  checkouts: number;
};
export type WorkDay = { day: string; minutes: number; amount: number };

export type AnalyticsData = {
  currency: string;
  currencies: string[];
  today: string;
  from: string;
  period: Period;
  timeZone: string;
  hourlyRateMinor: number;
  sales: SalesDay[];
  products: ProductFigures[];
  productWork: WorkDay[];
  clientWork: WorkDay[];
  leave: { startDay: string; endDay: string; kind: 'holiday' | 'sick' }[];
  /** Work and leave records whose stored day is no real day: left out of every figure. */
  invalidRecords: number;
  referrers: { name: string; visitors: number }[];
  campaigns: { name: string; visitors: number }[];
  /** The period's sales per buyer's country (from the daily country sums). */
  countries: CountrySales[];
  /** MRR, members and subscription flows; only once a membership tier exists. */
  memberships: MembershipAnalytics | undefined;
  /** Podcast shows: the tiers that include each and its downloads in the period. */
  podcasts: PodcastShowFigures[];
  /** Affiliate commissions per day, net of reversals (affiliates/commission-cost.ts). */
  commissions?: { day: string; minor: number }[];
};

export const TRAILING_DAYS = 30;

type Sums = { gross: number; refunded: number; tax: number; refundedTax: number };

/** A day's or a product's sales less refunds and less the VAT still owed (before payment fees). */
export function netOfVatOf(s: Sums): number {
  return s.gross - s.refunded - (s.tax - s.refundedTax);
}

/**
 * What the creator keeps of a day's or a product's sales: gross less refunds,
 * the VAT still owed and the payment fees known in this currency. Sales whose
 * fee is not known (yet, or charged in another currency) count before fees.
 */
export function earnedOf(s: Sums & { fee: number }): number {
  return netOfVatOf(s) - s.fee;
}

/**
 * Everything the analytics page shows, read from the daily aggregates and the
 * creator's own records (never from raw orders), so it stays fast with a million orders.
 */
export async function loadAnalytics(
  db: Kysely<DB>,
  opts: { currency: string; range: RangeKey; now?: Date },
): Promise<AnalyticsData> {
  const settings = await getAnalyticsSettings(db);
  const now = opts.now ?? new Date();
  const today = localDay(now, settings.timeZone);
  const trailingFrom = new Date(new Date(`${today}T00:00:00Z`).getTime() - (TRAILING_DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const { currency } = opts;
  const { from, period } = rangeOf(opts.range, today);
  const [
    currencies,
    sales,
    products,
    totals,
    trailing,
    ranged,
    effort,
    productWork,
    clientWork,
    leave,
    views,
    checkouts,
    refs,
    camps,
    memberships,
    countries,
    bookingDays,
    podcasts,
  ] = await Promise.all([
    db.selectFrom('daily_sales').select('currency').distinct().execute(),
    db.selectFrom('daily_sales').selectAll().where('currency', '=', currency).orderBy('day').execute(),
    db.selectFrom('products').select(['id', 'title', 'kind', 'price_minor', 'currency']).execute(),
    db
      .selectFrom('daily_product_sales')
      .select((eb) => [
        'product_id',
        eb.fn.sum<number>('gross_minor').as('g'),
        eb.fn.sum<number>('refunded_minor').as('r'),
        eb.fn.sum<number>('tax_minor').as('t'),
        eb.fn.sum<number>('refunded_tax_minor').as('rt'),
        eb.fn.sum<number>('fee_minor').as('f'),
        eb.fn.sum<number>('orders').as('o'),
        eb.fn.sum<number>('units').as('u'),
      ])
      .where('currency', '=', currency)
      .groupBy('product_id')
      .execute(),
    db
      .selectFrom('daily_product_sales')
      .select((eb) => [
        'product_id',
        eb.fn.sum<number>('gross_minor').as('g'),
        eb.fn.sum<number>('refunded_minor').as('r'),
        eb.fn.sum<number>('tax_minor').as('t'),
        eb.fn.sum<number>('refunded_tax_minor').as('rt'),
        eb.fn.sum<number>('fee_minor').as('f'),
        eb.fn.sum<number>('units').as('u'),
      ])
      .where('currency', '=', currency)
      .where('day', '>=', trailingFrom)
      .groupBy('product_id')
      .execute(),
    db
      .selectFrom('daily_product_sales')
      .select((eb) => ['product_id', eb.fn.sum<number>('orders').as('o')])
      .where('currency', '=', currency)
      .where('day', '>=', from)
      .groupBy('product_id')
      .execute(),
    db
      .selectFrom('effort_entries')
      .select((eb) => ['product_id', 'day', eb.fn.sum<number>('minutes').as('m')])
      .groupBy(['product_id', 'day'])
      .execute(),
    db
      .selectFrom('effort_entries')
      .select((eb) => ['day', eb.fn.sum<number>('minutes').as('m'), eb.fn.countAll<number>().as('n')])
      .groupBy('day')
      .orderBy('day')
      .execute(),
    db
      .selectFrom('client_work')
      .select((eb) => [
        'day',
        eb.fn.sum<number>('minutes').as('m'),
        eb.fn.sum<number>('amount_minor').as('a'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('currency', '=', currency)
      .groupBy('day')
      .orderBy('day')
      .execute(),
    db.selectFrom('leave_periods').select(['start_day', 'end_day', 'kind']).execute(),
    db
      .selectFrom('daily_views')
      .select((eb) => ['product_id', eb.fn.sum<number>('visitors').as('v')])
      .where('day', '>=', from)
      .groupBy('product_id')
      .execute(),
    db
      .selectFrom('daily_checkouts')
      .select((eb) => ['product_id', eb.fn.sum<number>('started').as('c')])
      .where('day', '>=', from)
      .groupBy('product_id')
      .execute(),
    topSources(db, 'referrer', from),
    topSources(db, 'campaign', from),
    loadMembershipAnalytics(db, { currency, timeZone: settings.timeZone, now }),
    loadCountrySales(db, { currency, from, to: today }),
    // Booked 1:1 sessions: their income is 1:1 work (bookings record it in client_work once held).
    db
      .selectFrom('daily_product_sales as d')
      .innerJoin('products as p', 'p.id', 'd.product_id')
      .select((eb) => [
        'd.day',
        eb.fn.sum<number>('d.gross_minor').as('g'),
        eb.fn.sum<number>('d.refunded_minor').as('r'),
        eb.fn.sum<number>('d.tax_minor').as('t'),
        eb.fn.sum<number>('d.refunded_tax_minor').as('rt'),
        eb.fn.sum<number>('d.orders').as('o'),
        eb.fn.sum<number>('d.fee_minor').as('f'),
      ])
      .where('p.kind', '=', 'booking')
      .where('d.currency', '=', currency)
      .groupBy('d.day')
      .execute(),
    loadPodcastFigures(db, from),
  ]);
  // …so the 1:n figures leave them out, and every sale counts once, on one side.
  const booked = new Map(bookingDays.map((b) => [b.day, b]));
  const byId = <T extends { product_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.product_id, r]));
  const [t, tr, rg, vw, co] = [byId(totals), byId(trailing), byId(ranged), byId(views), byId(checkouts)];
  // Records typed before days were checked may hold no real day: they are left out and counted.
  const ef = new Map<string, { m: number }>();
  for (const e of effort.filter((x) => isUsableDay(x.day))) {
    ef.set(e.product_id, { m: (ef.get(e.product_id)?.m ?? 0) + n(e.m) });
  }
  const usableLeave = leave.filter((l) => isUsableDay(l.start_day) && isUsableDay(l.end_day));
  const unusable = (rows: { day: string; n: unknown }[]) =>
    rows.filter((r) => !isUsableDay(r.day)).reduce((sum, r) => sum + n(r.n), 0);
  const invalidRecords = unusable(productWork) + unusable(clientWork) + (leave.length - usableLeave.length);
  const commissions = await commissionCostByDay(db, currency, settings.timeZone);
  return {
    commissions,
    currency,
    currencies: [...new Set([currency, ...currencies.map((c) => c.currency)])].sort(),
    today,
    from:
      opts.range === 'all'
        ? ([sales[0]?.day, memberships?.flows[0]?.day].filter((x): x is string => !!x).sort()[0] ?? today)
        : from,
    period,
    timeZone: settings.timeZone,
    hourlyRateMinor: settings.hourlyRateMinor,
    sales: sales.map((s) => ({
      day: s.day,
      gross: n(s.gross_minor) - n(booked.get(s.day)?.g),
      refunded: n(s.refunded_minor) - n(booked.get(s.day)?.r),
      tax: n(s.tax_minor) - n(booked.get(s.day)?.t),
      refundedTax: n(s.refunded_tax_minor) - n(booked.get(s.day)?.rt),
      orders: n(s.orders) - n(booked.get(s.day)?.o),
      refunds: n(s.refunds),
      newCustomers: n(s.new_customers),
      fee: n(s.fee_minor) - n(booked.get(s.day)?.f),
      feeOrders: n(s.fee_orders),
      foreignFeeOrders: n(s.foreign_fee_orders),
    })),
    products: products
      .filter((p) => p.kind !== 'booking' && (p.currency === currency || t.has(p.id)))
      .map((p) => ({
        id: p.id,
        title: p.title,
        kind: p.kind,
        priceMinor: p.currency === currency ? p.price_minor : 0,
        gross: n(t.get(p.id)?.g),
        refunded: n(t.get(p.id)?.r),
        tax: n(t.get(p.id)?.t),
        refundedTax: n(t.get(p.id)?.rt),
        fee: n(t.get(p.id)?.f),
        orders: n(t.get(p.id)?.o),
        units: n(t.get(p.id)?.u),
        minutes: n(ef.get(p.id)?.m),
        trailingNet: earnedOf({
          gross: n(tr.get(p.id)?.g),
          refunded: n(tr.get(p.id)?.r),
          tax: n(tr.get(p.id)?.t),
          refundedTax: n(tr.get(p.id)?.rt),
          fee: n(tr.get(p.id)?.f),
        }),
        trailingUnits: n(tr.get(p.id)?.u),
        rangeOrders: n(rg.get(p.id)?.o),
        views: n(vw.get(p.id)?.v),
        checkouts: n(co.get(p.id)?.c),
      })),
    productWork: productWork.filter((w) => isUsableDay(w.day)).map((w) => ({ day: w.day, minutes: n(w.m), amount: 0 })),
    clientWork: clientWork
      .filter((w) => isUsableDay(w.day))
      .map((w) => ({ day: w.day, minutes: n(w.m), amount: n(w.a) })),
    leave: usableLeave.map((l) => ({ startDay: l.start_day, endDay: l.end_day, kind: l.kind })),
    invalidRecords,
    referrers: refs,
    campaigns: camps,
    memberships,
    countries,
    podcasts,
  };
}

async function topSources(db: Kysely<DB>, column: 'referrer' | 'campaign', from: string) {
  const rows = await db
    .selectFrom('daily_views')
    .select((eb) => [eb.ref(column).as('name'), eb.fn.sum<number>('visitors').as('v')])
    .where('day', '>=', from)
    .where(column, '<>', '')
    .groupBy(column)
    .orderBy('v', 'desc')
    .limit(10)
    .execute();
  return rows.map((r) => ({ name: String(r.name), visitors: n(r.v) }));
}
