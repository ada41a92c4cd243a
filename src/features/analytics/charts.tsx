import type { PageContext } from '../../web/context.js';
import { formatDay } from '../../web/format.js';
import { type ChartModel, drawnSeries, type Series } from './chart-model.js';
import { BAND_FILL, type Look, lookOf } from './chart-options.js';
import type { RenderedChart } from './chart-svg.js';

/** The marker of a line's look, centred at (16, 7) in a legend key. */
function Marker({ look }: { look: Look }) {
  const fill = look.colour;
  if (look.symbol === 'circle') return <circle cx="16" cy="7" r="3.5" fill={fill} />;
  if (look.symbol === 'rect') return <rect x="12.5" y="3.5" width="7" height="7" fill={fill} />;
  if (look.symbol === 'triangle') return <path d="M16 2.5L20.5 11H11.5Z" fill={fill} />;
  return <path d="M16 2L21 7L16 12L11 7Z" fill={fill} />;
}

/** A legend key that repeats what the chart draws: the line with its pattern and marker, or a bar on its side of zero. */
function Key({ s, look, bar }: { s: Series; look: Look; bar: boolean }) {
  return (
    <svg class="key" width="32" height="14" viewBox="0 0 32 14" aria-hidden="true" focusable="false">
      {bar ? (
        <>
          <rect x="9" y={s.below ? 4 : 1} width="14" height="9" fill={look.colour} />
          <line x1="2" x2="30" y1={s.below ? 4 : 13} y2={s.below ? 4 : 13} stroke="#555a6e" stroke-width="1" />
        </>
      ) : (
        <>
          <line
            x1="1"
            x2="31"
            y1="7"
            y2="7"
            stroke={look.colour}
            stroke-width={s.thin ? 1.5 : 2.5}
            stroke-dasharray={look.dash === 'solid' ? undefined : look.dash.join(' ')}
          />
          <Marker look={look} />
        </>
      )}
    </svg>
  );
}

/** The legend, in the page (it wraps, so it is never cut off and never lies over the axes). */
function Legend({ ctx, m }: { ctx: PageContext; m: ChartModel }) {
  if (m.kind === 'hbar') return null;
  return (
    <ul class="chart-legend">
      {drawnSeries(m).map((s) => {
        const bar = s.draw === 'bar';
        const name = s.below
          ? ctx.t('analytics.legend.below', { name: s.name })
          : s.axis === 'right'
            ? ctx.t('analytics.legend.right', { name: s.name })
            : s.name;
        return (
          <li>
            <Key s={s} look={lookOf(s, m.series.indexOf(s))} bar={bar} />
            {name}
          </li>
        );
      })}
      {m.bands?.length ? (
        <li>
          <svg class="key" width="32" height="14" viewBox="0 0 32 14" aria-hidden="true" focusable="false">
            <rect x="4" y="0" width="24" height="14" fill={BAND_FILL} />
          </svg>
          {ctx.t('analytics.legend.timeOff')}
        </li>
      ) : null}
    </ul>
  );
}

/** The shaded stretches in words, with their days (the drawing shows only where they are). */
function BandNote({ ctx, m }: { ctx: PageContext; m: ChartModel }) {
  if (!m.bands?.length) return null;
  const list = m.bands
    .map((b) => `${b.label} ${formatDay(b.days.from, ctx.locale)} – ${formatDay(b.days.to, ctx.locale)}`)
    .join('; ');
  return <figcaption class="muted chart-note">{ctx.t('analytics.chart.timeOffNote', { list })}</figcaption>;
}

/**
 * A chart drawn by ECharts on the server, in a wide and a narrow drawing (CSS
 * shows the one that fits the column), with its legend; or, when there is
 * nothing to draw, the model's explanation instead of empty axes.
 */
export function ChartFigure({ ctx, m, svg }: { ctx: PageContext; m: ChartModel; svg: RenderedChart }) {
  if (!svg) return <p class="empty">{m.empty}</p>;
  return (
    <figure class="chart-figure">
      <Legend ctx={ctx} m={m} />
      {/* ECharts' SVG, escaped by it and cleaned in chart-svg.ts: texts are escaped, no style, no script. */}
      <div class="chart-drawing" dangerouslySetInnerHTML={{ __html: svg.wide + svg.narrow }} />
      <BandNote ctx={ctx} m={m} />
    </figure>
  );
}
