import { toDecimalString } from '../../domain/money.js';

/** What every chart draws, and what its table view and CSV export show: the same numbers. */
/** 'permille': a rate in whole per mille, shown as a percentage with one decimal (25 → 2.5 %). */
export type SeriesUnit = 'money' | 'minutes' | 'count' | 'permille';
export type Series = {
  name: string;
  unit: SeriesUnit;
  values: number[];
  axis?: 'left' | 'right';
  /** How the chart draws it; 'line' unless the chart is a bar chart. */
  draw?: 'line' | 'bar';
  /** Drawn below the zero line (an outflow such as churned MRR); the table and CSV keep the positive value. */
  below?: boolean;
  /** In the table view and the CSV only; the chart does not draw it. */
  tableOnly?: boolean;
  /** Which of the chart looks (colour, line pattern, marker) it takes; its position by default. */
  look?: number;
  /** A thinner line, for a series that accompanies another of the same look (hours beside income). */
  thin?: boolean;
};
/**
 * What the x values are: calendar days (a day's, week's or month's first day,
 * 'YYYY-MM-DD'), months ('YYYY-MM'), or names (products, countries). Axes and
 * the table view write dates in the reader's language; the CSV keeps them ISO.
 */
export type XKind = 'day' | 'week' | 'month' | 'name';
/** Lines (and bars) over dates, or one horizontal bar per name. */
export type ChartKind = 'line' | 'hbar';
export type ChartModel = {
  id: string;
  kind: ChartKind;
  title: string;
  desc: string;
  /** Shown instead of the chart when it would draw nothing but zeros. */
  empty: string;
  /** Column header of the x values in the table and CSV. */
  xName: string;
  xKind: XKind;
  x: string[];
  series: Series[];
  currency: string;
  /** A reference line (e.g. the 1:1 hourly rate), in the value axis' unit. */
  reference?: { name: string; value: number } | undefined;
  /** Shaded stretches of the x axis (time off), from and to as x values; `days` the calendar days they stand for. */
  bands?: TimeBand[] | undefined;
};
export type TimeBand = { from: string; to: string; label: string; days: { from: string; to: string } };

/** The series a chart draws (the others are in its table and CSV only). */
export function drawnSeries(m: ChartModel): Series[] {
  return m.series.filter((s) => !s.tableOnly);
}

/** Nothing to draw: no x values, or every drawn value is zero. */
export function isEmptyChart(m: ChartModel): boolean {
  return m.x.length === 0 || drawnSeries(m).every((s) => s.values.every((v) => v === 0));
}

/** A horizontal bar chart draws at most this many bars; its table view and CSV hold every row. */
export const HBAR_MAX = 12;

/** Minutes as hours with two decimals, exact ("1.50" for 90). */
export function hoursText(minutes: number): string {
  const hundredths = Math.round((minutes * 100) / 60);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** Per mille as a percentage with one decimal ("2.5" for 25). */
export function percentText(permille: number): string {
  const v = Math.round(permille);
  const sign = v < 0 ? '-' : '';
  return `${sign}${Math.floor(Math.abs(v) / 10)}.${Math.abs(v) % 10}`;
}

export function machineValue(v: number, unit: SeriesUnit, currency: string): string {
  if (unit === 'money') return toDecimalString(v, currency);
  if (unit === 'minutes') return hoursText(v);
  if (unit === 'permille') return percentText(v);
  return String(v);
}

function csvCell(s: string): string {
  // Cells starting with = + - @ are read as formulas by spreadsheets: prefix them.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-\d/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The chart as CSV: one row per x value, one column per series (money in decimal, hours with two decimals). */
export function chartCsv(m: ChartModel): string {
  const unitLabel = (s: Series) =>
    s.unit === 'money' ? ` (${m.currency})` : s.unit === 'minutes' ? ' (h)' : s.unit === 'permille' ? ' (%)' : '';
  const header = [m.xName, ...m.series.map((s) => `${s.name}${unitLabel(s)}`)];
  const lines = m.x.map((x, i) => [x, ...m.series.map((s) => machineValue(s.values[i] ?? 0, s.unit, m.currency))]);
  return `${[header, ...lines].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
