import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, MarkAreaComponentOption, MarkLineComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { exponentOf } from '../../domain/money.js';
import type { Locale } from '../../web/i18n.js';
import { axisX, formatNumber, formatValue, percentSign } from './chart-format.js';
import { type ChartModel, drawnSeries, HBAR_MAX, type Series, type SeriesUnit } from './chart-model.js';

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | MarkLineComponentOption | MarkAreaComponentOption
>;
/** Wide for desktops and tablets; narrow for phones (the page shows one of them by CSS). */
export type Variant = 'wide' | 'narrow';

export const SIZES: Record<Variant, { width: number; height: number; font: number }> = {
  wide: { width: 760, height: 340, font: 12 },
  narrow: { width: 340, height: 300, font: 13 },
};
const HBAR_ROW = 30;

/**
 * How a series looks, chosen so that it reads without colour: each line has
 * its own pattern and marker. Bars never stand side by side: inflows rise
 * above the zero line and outflows hang below it, so their place tells them apart.
 */
export type Look = { colour: string; dash: number[] | 'solid'; symbol: 'circle' | 'rect' | 'triangle' | 'diamond' };
export const LOOKS: readonly Look[] = [
  { colour: '#4338ca', dash: 'solid', symbol: 'circle' },
  { colour: '#b45309', dash: [8, 4], symbol: 'rect' },
  { colour: '#047857', dash: [2, 3], symbol: 'triangle' },
  { colour: '#be185d', dash: [10, 3, 2, 3], symbol: 'diamond' },
];
export const lookOf = (s: Series, i: number): Look => LOOKS[(s.look ?? i) % LOOKS.length] as Look;
const FONT = 'ui-sans-serif, system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';
const TEXT = '#1c1d26';
const MUTED = '#555a6e';
const GRID_LINE = '#dfe1ea';
/** Time off: a grey band behind the lines, named at its top (the legend and the note below say the dates). */
export const BAND_FILL = '#e4e6ef';

/** A stored value in the unit its axis counts in: money in major units, minutes in hours, per mille in percent. */
function plotValue(v: number, unit: SeriesUnit, currency: string): number {
  if (unit === 'money') return v / 10 ** exponentOf(currency);
  if (unit === 'minutes') return v / 60;
  if (unit === 'permille') return v / 10;
  return v;
}

/**
 * Axis tick labels in the reader's language: whole amounts once the axis
 * reaches 10 (cents only on a small axis, never "0,00–0,01 €" on an empty one),
 * hours and percent with at most one decimal.
 */
function tickLabel(unit: SeriesUnit, currency: string, locale: Locale, max: number) {
  const digits = unit === 'money' && max < 10 ? exponentOf(currency) : 0;
  const money = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return (v: number) => {
    if (unit === 'money') return money.format(v);
    if (unit === 'minutes') return `${formatNumber(v, locale, 1)} h`;
    if (unit === 'permille') return percentSign(formatNumber(v, locale, 1), locale);
    return formatNumber(v, locale);
  };
}

/** The largest plotted value of the drawn series on one axis (for its tick labels). */
function axisMax(m: ChartModel, side: 'left' | 'right'): number {
  const on = drawnSeries(m).filter((s) => (s.axis === 'right') === (side === 'right'));
  return Math.max(0, ...on.flatMap((s) => s.values.map((v) => Math.abs(plotValue(v, s.unit, m.currency)))));
}

function valueAxis(unit: SeriesUnit, m: ChartModel, locale: Locale, side: 'left' | 'right') {
  const max = axisMax(m, side);
  return {
    type: 'value' as const,
    position: side,
    // Whole steps for counts, and for amounts whose labels show no cents.
    minInterval: unit === 'count' || (unit === 'money' && max >= 10) ? 1 : undefined,
    splitNumber: 4,
    axisLabel: { formatter: tickLabel(unit, m.currency, locale, max), color: MUTED },
    splitLine: { show: side === 'left', lineStyle: { color: GRID_LINE } },
  };
}

function seriesOption(m: ChartModel, s: Series, i: number, variant: Variant): LineSeriesOption | BarSeriesOption {
  const look = lookOf(s, i);
  const data = s.values.map((v) => plotValue(s.below ? -v : v, s.unit, m.currency));
  const yAxisIndex = s.axis === 'right' ? 1 : 0;
  if ((s.draw ?? 'line') === 'bar') {
    return {
      type: 'bar',
      name: s.name,
      data,
      yAxisIndex,
      // Inflows and outflows share one stack: at the same date, one rises above zero and the other hangs below.
      stack: 'flow',
      barMaxWidth: 28,
      itemStyle: { color: look.colour },
    };
  }
  const last = data.length - 1;
  // A marker every few points (and on the last) shows the line's look without crowding it.
  const every = Math.max(1, Math.ceil(data.length / (variant === 'wide' ? 12 : 6)));
  return {
    type: 'line',
    name: s.name,
    yAxisIndex,
    data: data.map((v, k) => (k % every === 0 || k === last ? v : { value: v, symbol: 'none' })),
    symbol: look.symbol,
    symbolSize: 7,
    showAllSymbol: true,
    lineStyle: { color: look.colour, width: s.thin ? 1.5 : 2.5, type: look.dash },
    itemStyle: { color: look.colour },
  };
}

/** Lines and bars over dates: a value axis on the left and, when a series asks for it, one on the right. */
function cartesian(m: ChartModel, locale: Locale, variant: Variant): ChartOption {
  const drawn = drawnSeries(m);
  const right = drawn.find((s) => s.axis === 'right');
  const left = drawn.find((s) => s.axis !== 'right') ?? drawn[0];
  const hasBars = drawn.some((s) => (s.draw ?? 'line') === 'bar');
  return {
    grid: { left: 8, right: 8, top: 24, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      data: m.x.map((x) => axisX(x, m.xKind, locale)),
      boundaryGap: hasBars,
      axisLabel: { color: MUTED, hideOverlap: true },
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: MUTED } },
    },
    yAxis: [
      valueAxis(left?.unit ?? 'money', m, locale, 'left'),
      ...(right ? [valueAxis(right.unit, m, locale, 'right')] : []),
    ],
    series: withBands(
      m,
      drawn.map((s) => seriesOption(m, s, m.series.indexOf(s), variant)),
    ),
  };
}

/** The model's bands as a mark area on the first series (ECharts attaches areas to a series). */
function withBands(m: ChartModel, series: (LineSeriesOption | BarSeriesOption)[]) {
  const [first, ...rest] = series;
  if (!first || !m.bands?.length) return series;
  // By index: the axis' labels can repeat (the same week's day a year apart).
  const at = (x: string) => Math.max(0, m.x.indexOf(x));
  const markArea = {
    silent: true,
    itemStyle: { color: BAND_FILL },
    label: { position: 'insideTop' as const, color: MUTED },
    data: m.bands.map((b) => [{ name: b.label, xAxis: at(b.from) }, { xAxis: at(b.to) }] as const),
  };
  return [{ ...first, markArea } as LineSeriesOption, ...rest];
}

/** The next round number at or above v (1, 2 or 5 × a power of ten), a little above it for room. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(v * 1.05));
  return ([1, 2, 5, 10].map((k) => k * mag).find((x) => x >= v * 1.05) ?? 10 * mag) as number;
}

/** One bar per name (net per country, rate per product), longest first, its value written at its end. */
function horizontal(m: ChartModel, locale: Locale, variant: Variant): ChartOption {
  const s = drawnSeries(m)[0];
  if (!s) return {};
  const rows = m.x.slice(0, HBAR_MAX);
  const label = tickLabel(s.unit, m.currency, locale, axisMax(m, 'left'));
  const refValue = m.reference ? plotValue(m.reference.value, s.unit, m.currency) : undefined;
  const reference = m.reference
    ? {
        silent: true,
        symbol: 'none',
        lineStyle: { color: LOOKS[1]?.colour, type: LOOKS[1]?.dash, width: 2 },
        label: {
          formatter: `${m.reference.name}: ${formatValue(m.reference.value, s.unit, m.currency, locale)}`,
          position: 'start' as const,
          color: TEXT,
        },
        data: [{ xAxis: refValue }],
      }
    : undefined;
  return {
    grid: {
      left: 8,
      right: variant === 'wide' ? 96 : 72,
      top: m.reference ? 24 : 8,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'value',
      // The reference line must be on the axis even when every bar is shorter.
      max: refValue === undefined ? undefined : (e: { max: number }) => Math.max(e.max, niceCeil(refValue)),
      splitNumber: variant === 'wide' ? 5 : 3,
      axisLabel: { formatter: label, color: MUTED, hideOverlap: true },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows,
      axisLabel: { color: TEXT, width: variant === 'wide' ? 180 : 110, overflow: 'truncate' },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: MUTED } },
    },
    series: [
      {
        type: 'bar',
        name: s.name,
        data: s.values.slice(0, HBAR_MAX).map((v) => Math.max(0, plotValue(v, s.unit, m.currency))),
        barMaxWidth: 20,
        itemStyle: { color: LOOKS[0]?.colour },
        label: {
          show: true,
          position: 'right',
          color: TEXT,
          formatter: (p: { dataIndex: number }) => formatValue(s.values[p.dataIndex] ?? 0, s.unit, m.currency, locale),
        },
        markLine: reference,
      },
    ],
  };
}

/** The height a chart needs: horizontal bars grow with their rows. */
export function chartHeight(m: ChartModel, variant: Variant): number {
  if (m.kind !== 'hbar') return SIZES[variant].height;
  return 40 + Math.min(m.x.length, HBAR_MAX) * HBAR_ROW + (m.reference ? 24 : 0);
}

/** The ECharts option for a chart model, in the reader's language (no animation: it is drawn once, on the server). */
export function chartOption(m: ChartModel, locale: Locale, variant: Variant): ChartOption {
  const body = m.kind === 'hbar' ? horizontal(m, locale, variant) : cartesian(m, locale, variant);
  return {
    animation: false,
    textStyle: { fontFamily: FONT, fontSize: SIZES[variant].font, color: TEXT },
    ...body,
  };
}
