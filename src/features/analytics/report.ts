import type { ProductKind } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import type { Translate } from '../../web/messages.js';
import { type ChartModel, HBAR_MAX, type TimeBand } from './chart-model.js';
import { buildCountryReport, type CountryReport } from './country-report.js';
import type { AnalyticsData } from './dashboard-data.js';
import { earnedOf, netOfVatOf, TRAILING_DAYS } from './dashboard-data.js';
import { type BreakEven, breakEven, hourlyRateMinor, type PassiveShare, passiveShare, perMille } from './leverage.js';
import type { MembershipFigures } from './membership-figures.js';
import { type ChurnFigures, churnBetween, type MrrMonth, mrrByMonth } from './mrr.js';
import { type PodcastLine, podcastLine } from './podcast-line.js';
import { bucketOf, bucketsBetween, daysBetween, type Period } from './time-zone.js';

export type ProductRow = {
  id: string;
  title: string;
  kind: ProductKind;
  netMinor: number;
  orders: number;
  minutes: number;
  rateMinor: number | undefined;
  /** The product's hourly rate against the 1:1 rate, in per mille (2500 = 2.5 ×). */
  vsClientPerMille: number | undefined;
  breakEven: BreakEven;
  views: number;
  checkouts: number;
  rangeOrders: number;
};

export type Report = {
  totals: {
    gross: number;
    refunded: number;
    /** Gross less refunds. */
    net: number;
    /** VAT in the sales less the VAT of refunds. */
    vat: number;
    /** Net of refunds and of VAT, before payment fees. */
    netOfVat: number;
    /** Payment fees known in this currency. */
    fees: number;
    /** Net of refunds, VAT and the known fees: what the creator keeps. */
    netAfterFees: number;
    /** Affiliate commissions earned in the period, less their reversals. */
    commissions: number;
    /** What the creator keeps after fees and affiliate commissions. */
    netAfterCommissions: number;
    orders: number;
    refunds: number;
    newCustomers: number;
    /** Orders counted before fees: fee not known (yet), or charged in another currency. */
    ordersWithoutFee: number;
    foreignFeeOrders: number;
  };
  /** All time (what the hourly rates use): orders counted before fees. */
  ordersWithoutFee: number;
  oneToMany: { netMinor: number; minutes: number; rateMinor: number | undefined };
  oneToOne: { incomeMinor: number; minutes: number; rateMinor: number | undefined; settingMinor: number };
  /** Membership tiers as their own 1:n line: their products' net revenue per hour recorded on them. */
  memberships: { netMinor: number; minutes: number; rateMinor: number | undefined; count: number };
  /** Podcasts as their own 1:n line (`podcastLine`); count 0 without shows. */
  podcasts: PodcastLine;
  /** MRR and churn; only once a membership tier exists. */
  mrr:
    | {
        now: MembershipFigures;
        /** The shown period (its first day to today): new and churned MRR, churn rate. */
        period: ChurnFigures & { from: string };
        months: MrrMonth[];
      }
    | undefined;
  passive: PassiveShare;
  products: ProductRow[];
  /** The period's sales per buyer's country. */
  countries: CountryReport;
  charts: {
    leverage: ChartModel;
    revenue: ChartModel;
    products: ChartModel;
    mrr: ChartModel;
    members: ChartModel;
    countries: ChartModel;
  };
};

/** Affiliate commissions (net of reversals) from `from` to today. */
function commissionsIn(d: AnalyticsData, from: string): number {
  return (d.commissions ?? []).filter((c) => c.day >= from && c.day <= d.today).reduce((a, c) => a + c.minor, 0);
}

/** The whole analytics page as numbers and chart models, from the loaded aggregates (pure); `locale` names the countries. */
export function buildReport(d: AnalyticsData, period: Period, t: Translate, locale: Locale): Report {
  const inRange = d.sales.filter((s) => s.day >= d.from && s.day <= d.today);
  const sum = (k: keyof (typeof d.sales)[number]) => inRange.reduce((a, s) => a + (s[k] as number), 0);
  const totals = {
    gross: sum('gross'),
    refunded: sum('refunded'),
    net: sum('gross') - sum('refunded'),
    vat: sum('tax') - sum('refundedTax'),
    netOfVat: inRange.reduce((a, s) => a + netOfVatOf(s), 0),
    fees: sum('fee'),
    netAfterFees: inRange.reduce((a, s) => a + earnedOf(s), 0),
    commissions: commissionsIn(d, d.from),
    netAfterCommissions: inRange.reduce((a, s) => a + earnedOf(s), 0) - commissionsIn(d, d.from),
    orders: sum('orders'),
    refunds: sum('refunds'),
    newCustomers: sum('newCustomers'),
    ordersWithoutFee: sum('orders') - sum('feeOrders'),
    foreignFeeOrders: sum('foreignFeeOrders'),
  };
  const ordersWithoutFee = d.sales.reduce((a, s) => a + s.orders - s.feeOrders, 0);
  // The 1:n hourly rate is of what stays after affiliate commissions: a sale a partner brought costs their share.
  const allNet = d.sales.reduce((a, s) => a + earnedOf(s), 0) - commissionsIn(d, '');
  const productMinutes = d.productWork.reduce((a, w) => a + w.minutes, 0);
  const clientMinutes = d.clientWork.reduce((a, w) => a + w.minutes, 0);
  const clientIncome = d.clientWork.reduce((a, w) => a + w.amount, 0);
  const clientRate = d.hourlyRateMinor > 0 ? d.hourlyRateMinor : hourlyRateMinor(clientIncome, clientMinutes);

  const workDays = new Set([...d.productWork, ...d.clientWork].filter((w) => w.minutes > 0).map((w) => w.day));
  const passive = passiveShare(new Map(d.sales.map((s) => [s.day, earnedOf(s)])), workDays, d.leave);

  const products: ProductRow[] = d.products
    .map((p) => {
      const net = earnedOf(p);
      const rate = hourlyRateMinor(net, p.minutes);
      return {
        id: p.id,
        title: p.title,
        kind: p.kind,
        netMinor: net,
        orders: p.orders,
        minutes: p.minutes,
        rateMinor: rate,
        vsClientPerMille: rate !== undefined && clientRate ? perMille(rate, clientRate) : undefined,
        breakEven: breakEven({
          minutes: p.minutes,
          hourlyRateMinor: clientRate ?? 0,
          earnedMinor: net,
          trailingMinor: p.trailingNet,
          trailingDays: TRAILING_DAYS,
          today: d.today,
        }),
        views: p.views,
        checkouts: p.checkouts,
        rangeOrders: p.rangeOrders,
      };
    })
    .sort((a, b) => b.netMinor - a.netMinor);

  const podcasts = podcastLine(products, d.podcasts);
  const tiers = products.filter((p) => p.kind === 'membership');
  const tierNet = tiers.reduce((a, p) => a + p.netMinor, 0);
  const tierMinutes = tiers.reduce((a, p) => a + p.minutes, 0);
  const mrr = mrrReport(d);
  const countries = buildCountryReport(d.countries, {
    currency: d.currency,
    periodOrders: totals.orders,
    locale,
    t,
  });
  return {
    totals,
    ordersWithoutFee,
    memberships: {
      netMinor: tierNet,
      minutes: tierMinutes,
      rateMinor: hourlyRateMinor(tierNet, tierMinutes),
      count: tiers.length,
    },
    podcasts,
    mrr,
    oneToMany: { netMinor: allNet, minutes: productMinutes, rateMinor: hourlyRateMinor(allNet, productMinutes) },
    oneToOne: {
      incomeMinor: clientIncome,
      minutes: clientMinutes,
      rateMinor: hourlyRateMinor(clientIncome, clientMinutes),
      settingMinor: d.hourlyRateMinor,
    },
    passive,
    products,
    countries,
    charts: {
      leverage: leverageChart(d, t),
      revenue: revenueChart(d, period, t),
      products: productChart(d.currency, products, clientRate, t),
      ...mrrCharts(d.currency, mrr?.months ?? [], t),
      countries: countries.chart,
    },
  };
}

function cumulative(buckets: string[], period: Period, rows: { day: string; value: number }[]): number[] {
  const per = new Map<string, number>();
  for (const r of rows) {
    const b = bucketOf(r.day, period);
    per.set(b, (per.get(b) ?? 0) + r.value);
  }
  let run = 0;
  return buckets.map((b) => {
    run += per.get(b) ?? 0;
    return run;
  });
}

/** Holidays and sick leave within the chart's buckets, oldest first (the chart shades them). */
function leaveBands(leave: AnalyticsData['leave'], x: string[], period: Period, t: Translate): TimeBand[] {
  const first = x[0];
  const last = x[x.length - 1];
  if (!first || !last) return [];
  const bands: TimeBand[] = [];
  for (const l of [...leave].sort((a, b) => a.startDay.localeCompare(b.startDay))) {
    const from = bucketOf(l.startDay, period);
    const to = bucketOf(l.endDay, period);
    if (to < first || from > last) continue;
    bands.push({
      // Cut to the chart's first and last bucket; the note below the chart keeps the real days.
      // biome-ignore lint/complexity/useMathMinMax: ISO days compare as strings (Math.max would give NaN)
      from: from < first ? first : from,
      // biome-ignore lint/complexity/useMathMinMax: as above
      to: to > last ? last : to,
      label: t(`analytics.effort.kind.${l.kind}`),
      days: { from: l.startDay, to: l.endDay },
    });
  }
  return bands;
}

/** The article's schematic with the creator's own data: cumulative income and hours, 1:1 beside 1:n. */
function leverageChart(d: AnalyticsData, t: Translate): ChartModel {
  const firsts = [d.sales[0]?.day, d.productWork[0]?.day, d.clientWork[0]?.day].filter((x): x is string => !!x);
  const start = firsts.length ? (firsts.sort()[0] ?? d.today) : d.today;
  const period: Period = daysBetween(start, d.today) <= 400 ? 'week' : 'month';
  const x = bucketsBetween(start, d.today, period);
  return {
    id: 'leverage',
    kind: 'line',
    title: t('analytics.chart.leverage'),
    desc: t('analytics.chart.leverageDesc'),
    empty: t('analytics.chart.leverageEmpty'),
    xName: t(period === 'week' ? 'analytics.period.week' : 'analytics.period.month'),
    xKind: period,
    x,
    currency: d.currency,
    bands: leaveBands(d.leave, x, period, t),
    series: [
      {
        name: t('analytics.series.nIncome'),
        unit: 'money',
        values: cumulative(
          x,
          period,
          d.sales.map((s) => ({ day: s.day, value: earnedOf(s) })),
        ),
      },
      {
        name: t('analytics.series.oneIncome'),
        unit: 'money',
        values: cumulative(
          x,
          period,
          d.clientWork.map((w) => ({ day: w.day, value: w.amount })),
        ),
      },
      {
        name: t('analytics.series.nHours'),
        unit: 'minutes',
        axis: 'right',
        thin: true,
        values: cumulative(
          x,
          period,
          d.productWork.map((w) => ({ day: w.day, value: w.minutes })),
        ),
      },
      {
        name: t('analytics.series.oneHours'),
        unit: 'minutes',
        axis: 'right',
        thin: true,
        values: cumulative(
          x,
          period,
          d.clientWork.map((w) => ({ day: w.day, value: w.minutes })),
        ),
      },
    ],
  };
}

function revenueChart(d: AnalyticsData, period: Period, t: Translate): ChartModel {
  const x = bucketsBetween(d.from, d.today, period);
  const gross = new Map<string, number>();
  const net = new Map<string, number>();
  const netOfVat = new Map<string, number>();
  const afterFees = new Map<string, number>();
  for (const s of d.sales) {
    if (s.day < d.from || s.day > d.today) continue;
    const b = bucketOf(s.day, period);
    gross.set(b, (gross.get(b) ?? 0) + s.gross);
    net.set(b, (net.get(b) ?? 0) + s.gross - s.refunded);
    netOfVat.set(b, (netOfVat.get(b) ?? 0) + netOfVatOf(s));
    afterFees.set(b, (afterFees.get(b) ?? 0) + earnedOf(s));
  }
  return {
    id: 'revenue',
    kind: 'line',
    title: t('analytics.chart.revenue'),
    desc: t('analytics.chart.revenueDesc'),
    empty: t('analytics.chart.revenueEmpty'),
    xName: t(`analytics.period.${period}`),
    xKind: period,
    x,
    currency: d.currency,
    // Gross as bars, what the creator keeps as a line; the steps between are in the table and CSV.
    series: [
      { name: t('analytics.series.gross'), unit: 'money', draw: 'bar', values: x.map((b) => gross.get(b) ?? 0) },
      { name: t('analytics.series.net'), unit: 'money', tableOnly: true, values: x.map((b) => net.get(b) ?? 0) },
      {
        name: t('analytics.series.netOfVat'),
        unit: 'money',
        tableOnly: true,
        values: x.map((b) => netOfVat.get(b) ?? 0),
      },
      {
        name: t('analytics.series.netAfterFees'),
        unit: 'money',
        look: 1,
        values: x.map((b) => afterFees.get(b) ?? 0),
      },
    ],
  };
}

function productChart(currency: string, rows: ProductRow[], clientRate: number | undefined, t: Translate): ChartModel {
  // Only products with recorded hours have a rate; the product table lists the others.
  const top = rows
    .filter((r) => r.rateMinor !== undefined)
    .sort((a, b) => (b.rateMinor ?? 0) - (a.rateMinor ?? 0))
    .slice(0, HBAR_MAX);
  return {
    id: 'products',
    kind: 'hbar',
    title: t('analytics.chart.products'),
    desc: t('analytics.chart.productsDesc'),
    empty: t('analytics.chart.productsEmpty'),
    xName: t('analytics.product'),
    xKind: 'name',
    x: top.map((r) => r.title),
    currency,
    series: [{ name: t('analytics.series.rate'), unit: 'money', values: top.map((r) => r.rateMinor ?? 0) }],
    reference: clientRate ? { name: t('analytics.series.clientRate'), value: clientRate } : undefined,
  };
}

/** Month by month from the shown period's first month ('all': the first subscription) to today. */
function mrrReport(d: AnalyticsData): Report['mrr'] {
  const m = d.memberships;
  if (!m) return undefined;
  const first = m.flows[0]?.day ?? d.today;
  const from = d.from < first && first <= d.today ? first : d.from;
  return {
    now: m.now,
    period: { from, ...churnBetween(m.flows, from, d.today) },
    months: mrrByMonth(m.flows, from, d.today),
  };
}

function mrrCharts(currency: string, months: MrrMonth[], t: Translate): { mrr: ChartModel; members: ChartModel } {
  const x = months.map((m) => m.month);
  return {
    mrr: {
      id: 'mrr',
      kind: 'line',
      title: t('analytics.chart.mrr'),
      desc: t('analytics.chart.mrrDesc'),
      empty: t('analytics.chart.mrrEmpty'),
      xName: t('analytics.period.month'),
      xKind: 'month',
      x,
      currency,
      series: [
        { name: t('analytics.series.mrr'), unit: 'money', values: months.map((m) => m.mrr) },
        {
          name: t('analytics.series.newMrr'),
          unit: 'money',
          draw: 'bar',
          look: 2,
          values: months.map((m) => m.newMrr),
        },
        {
          name: t('analytics.series.churnedMrr'),
          unit: 'money',
          draw: 'bar',
          below: true,
          look: 1,
          values: months.map((m) => m.churnedMrr),
        },
      ],
    },
    members: {
      id: 'members',
      kind: 'line',
      title: t('analytics.chart.members'),
      desc: t('analytics.chart.membersDesc'),
      empty: t('analytics.chart.mrrEmpty'),
      xName: t('analytics.period.month'),
      xKind: 'month',
      x,
      currency,
      series: [
        { name: t('analytics.series.paidSubs'), unit: 'count', values: months.map((m) => m.active) },
        {
          name: t('analytics.series.started'),
          unit: 'count',
          draw: 'bar',
          look: 2,
          values: months.map((m) => m.started),
        },
        {
          name: t('analytics.series.churned'),
          unit: 'count',
          draw: 'bar',
          below: true,
          look: 1,
          values: months.map((m) => m.churned),
        },
        {
          name: t('analytics.series.churnRate'),
          unit: 'permille',
          axis: 'right',
          // In the table and CSV: on a second scale beside counts that go below zero it would mislead.
          tableOnly: true,
          values: months.map((m) => m.churnRatePermille ?? 0),
        },
      ],
    },
  };
}
