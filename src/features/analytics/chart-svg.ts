import { memoize } from '../../domain/memo.js';
import type { Locale } from '../../web/i18n.js';
import { formatValue, tableX } from './chart-format.js';
import { type ChartModel, drawnSeries, isEmptyChart } from './chart-model.js';
import { type ChartOption, chartHeight, chartOption, SIZES, type Variant } from './chart-options.js';

/**
 * Charts drawn on the server by Apache ECharts (its SSR SVG renderer: no DOM,
 * no client script), then made fit for the page's CSP, which allows no inline
 * styles: ECharts writes its fonts as `style` attributes and adds a `<style>`
 * element for hover effects; both become presentation attributes or go.
 */

type ECharts = typeof import('echarts/core');
let library: Promise<ECharts> | undefined;

/** ECharts is imported when the first chart is drawn (it takes about half a second), not at start. */
export function chartLibrary(): Promise<ECharts> {
  library ??= (async () => {
    const [core, charts, components, features, renderers] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/features'),
      import('echarts/renderers'),
    ]);
    core.use([
      charts.LineChart,
      charts.BarChart,
      components.GridComponent,
      components.MarkLineComponent,
      components.MarkAreaComponent,
      features.LabelLayout,
      renderers.SVGRenderer,
    ]);
    return core;
  })();
  return library;
}

/** Both drawings of a chart (the page shows the one that fits its column), or none when there is nothing to draw. */
export type RenderedChart = { wide: string; narrow: string } | undefined;

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const FONT_PROPERTIES = new Set(['font-size', 'font-family', 'font-weight', 'font-style']);

/** `style="font-size:12px;font-family:sans-serif"` → `font-size="12px" font-family="sans-serif"`. */
function presentationAttributes(style: string): string {
  const attrs: [string, string][] = [];
  for (const declaration of style.split(';')) {
    const at = declaration.indexOf(':');
    if (at < 0) continue;
    const name = declaration.slice(0, at).trim();
    const value = declaration.slice(at + 1).trim();
    if (name === 'font') {
      // ECharts' shorthand: "<style> <weight> <size>px <family>".
      const m = /^(\S+) (\S+) (\d+(?:\.\d+)?px) (.+)$/.exec(value);
      if (m)
        attrs.push(
          ['font-style', m[1] as string],
          ['font-weight', m[2] as string],
          ['font-size', m[3] as string],
          ['font-family', m[4] as string],
        );
    } else if (FONT_PROPERTIES.has(name)) attrs.push([name, value]);
  }
  return attrs.map(([k, v]) => ` ${k}="${escapeText(v)}"`).join('');
}

export type CleanOptions = {
  /** Replaces ECharts' own id prefix, so ids are the chart's and unique on the page. */
  prefix: string;
  /** The opening tag that replaces ECharts' `<svg …>` (and anything that goes right inside it). */
  open: string;
  /** A tooltip for a drawn data element (bar, marker): series and data index → text. */
  tip: (series: number, index: number) => string | undefined;
};

/** ECharts' SVG made fit for a strict CSP: no style attribute, no style element, own ids, tooltips as <title>. */
export function cleanSvg(svg: string, o: CleanOptions): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, style: string) => presentationAttributes(style))
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/(id="|url\(#)zr\d+-/g, `$1${o.prefix}-`)
    .replace(
      /<(path|rect|circle)([^>]*?) ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)" ecmeta_ssr_type="chart"([^>]*)><\/\1>/g,
      (_, tag: string, before: string, series: string, index: string, after: string) => {
        const tip = o.tip(Number(series), Number(index));
        return `<${tag}${before}${after}>${tip ? `<title>${escapeText(tip)}</title>` : ''}</${tag}>`;
      },
    )
    .replace(/ ecmeta_\w+="[^"]*"/g, '')
    .replace(/^<svg[^>]*>/, o.open);
}

function draw(echarts: ECharts, option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function tipsOf(m: ChartModel, locale: Locale) {
  const drawn = drawnSeries(m);
  return (series: number, index: number) => {
    const s = drawn[series];
    const x = m.x[index];
    if (!s || x === undefined || index >= s.values.length) return undefined;
    const where = tableX(x, m.xKind, locale);
    return `${where}: ${s.name} ${formatValue(s.values[index] ?? 0, s.unit, m.currency, locale)}`;
  };
}

function render(echarts: ECharts, m: ChartModel, locale: Locale, variant: Variant): string {
  const width = SIZES[variant].width;
  const height = chartHeight(m, variant);
  const label = `aria-labelledby="${m.id}-t ${m.id}-d"`;
  const head =
    variant === 'wide'
      ? `<title id="${m.id}-t">${escapeText(m.title)}</title><desc id="${m.id}-d">${escapeText(m.desc)}</desc>`
      : '';
  const open = `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${variant}" viewBox="0 0 ${width} ${height}" role="img" ${label}>${head}`;
  const svg = draw(echarts, chartOption(m, locale, variant), width, height);
  return cleanSvg(svg, { prefix: `${m.id}-${variant[0]}`, open, tip: tipsOf(m, locale) });
}

// Drawing a chart takes milliseconds; the same figures in the same language draw the same SVG.
let loaded: ECharts | undefined;
const drawBoth = memoize(64, (key): NonNullable<RenderedChart> => {
  const { m, locale } = JSON.parse(key) as { m: ChartModel; locale: Locale };
  const echarts = loaded as ECharts;
  return { wide: render(echarts, m, locale, 'wide'), narrow: render(echarts, m, locale, 'narrow') };
});

/** Draws a chart in both sizes (memoised per figures and language); nothing for a chart of zeros. */
export async function renderChart(m: ChartModel, locale: Locale): Promise<RenderedChart> {
  if (isEmptyChart(m)) return undefined;
  loaded = await chartLibrary();
  return drawBoth(JSON.stringify({ m, locale }));
}
