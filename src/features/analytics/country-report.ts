import type { Locale } from '../../web/i18n.js';
import type { Translate } from '../../web/messages.js';
import { countryName, isEuCountry } from '../tax/countries.js';
import { type ChartModel, HBAR_MAX } from './chart-model.js';
import type { CountrySales } from './country-data.js';
import { UNKNOWN_COUNTRY } from './country-sales.js';
import { netOfVatOf } from './dashboard-data.js';

export type Region = 'eu' | 'nonEu' | 'unknown';

export type CountryRow = {
  code: string;
  name: string;
  region: Region;
  orders: number;
  gross: number;
  refunded: number;
  /** VAT in the sales less the VAT of refunds. */
  vat: number;
  /** Net of refunds and VAT (payment fees are not kept per country). */
  net: number;
};

export type RegionTotals = Record<Region, { orders: number; net: number }>;

export type CountryReport = {
  rows: CountryRow[];
  regions: RegionTotals;
  /** Orders of the period counted before sales were kept per country (a recount includes them). */
  uncounted: number;
  chart: ChartModel;
};

function regionOf(code: string): Region {
  if (code === UNKNOWN_COUNTRY) return 'unknown';
  return isEuCountry(code) ? 'eu' : 'nonEu';
}

/**
 * The period's sales per buyer's country, highest net first, with EU and
 * non-EU totals and the chart of net per country (pure). `periodOrders`: the
 * period's orders from the daily sales, which the country sums should equal.
 */
export function buildCountryReport(
  countries: readonly CountrySales[],
  opts: { currency: string; periodOrders: number; locale: Locale; t: Translate },
): CountryReport {
  const { t, locale } = opts;
  const rows: CountryRow[] = countries
    .map((c) => ({
      code: c.country,
      name: c.country === UNKNOWN_COUNTRY ? t('analytics.countryUnknownName') : countryName(c.country, locale),
      region: regionOf(c.country),
      orders: c.orders,
      gross: c.gross,
      refunded: c.refunded,
      vat: c.tax - c.refundedTax,
      net: netOfVatOf(c),
    }))
    .sort((a, b) => b.net - a.net || a.name.localeCompare(b.name, locale));
  const regions: RegionTotals = {
    eu: { orders: 0, net: 0 },
    nonEu: { orders: 0, net: 0 },
    unknown: { orders: 0, net: 0 },
  };
  for (const r of rows) {
    regions[r.region].orders += r.orders;
    regions[r.region].net += r.net;
  }
  const counted = rows.reduce((a, r) => a + r.orders, 0);
  return { rows, regions, uncounted: Math.max(0, opts.periodOrders - counted), chart: countryChart(rows, opts) };
}

function countryChart(rows: CountryRow[], opts: { currency: string; t: Translate }): ChartModel {
  const { t } = opts;
  const col = (name: string, unit: 'money' | 'count', values: number[]) => ({ name, unit, values, tableOnly: true });
  return {
    id: 'countries',
    kind: 'hbar',
    title: t('analytics.chart.countries'),
    desc: t('analytics.chart.countriesDesc', { count: HBAR_MAX }),
    empty: t('analytics.countriesNone'),
    xName: t('analytics.country'),
    xKind: 'name',
    x: rows.map((r) => r.name),
    currency: opts.currency,
    series: [
      col(
        t('analytics.orders'),
        'count',
        rows.map((r) => r.orders),
      ),
      col(
        t('analytics.series.gross'),
        'money',
        rows.map((r) => r.gross),
      ),
      col(
        t('analytics.refunds'),
        'money',
        rows.map((r) => r.refunded),
      ),
      col(
        t('analytics.series.vat'),
        'money',
        rows.map((r) => r.vat),
      ),
      { name: t('analytics.series.netOfVat'), unit: 'money', values: rows.map((r) => r.net) },
    ],
  };
}
