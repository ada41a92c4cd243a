import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../web/context.js';
import { formatValue, tableX } from './chart-format.js';
import type { ChartModel } from './chart-model.js';
import type { RenderedChart } from './chart-svg.js';
import { ChartFigure } from './charts.js';

/** A chart, the same numbers as a table (a <details>, no script needed), and its CSV. */
export function ChartBlock({
  ctx,
  m,
  svg,
  query,
  children,
}: {
  ctx: PageContext;
  m: ChartModel;
  svg: RenderedChart;
  query: string;
  /** Shown under the heading, before the chart (e.g. a note on what it counts). */
  children?: ComponentChildren;
}) {
  const fmt = (v: number, unit: ChartModel['series'][number]['unit']) => formatValue(v, unit, m.currency, ctx.locale);
  return (
    <section class="panel chart-block" aria-labelledby={`${m.id}-h`}>
      <h2 id={`${m.id}-h`}>{m.title}</h2>
      {children}
      <ChartFigure ctx={ctx} m={m} svg={svg} />
      {svg && (
        <>
          <details>
            <summary>{ctx.t('analytics.table')}</summary>
            <div class="table-wrap">
              <table>
                <caption>{m.desc}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.xName}</th>
                    {m.series.map((s) => (
                      <th scope="col">{s.name}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {m.x.map((x, i) => (
                    <tr>
                      <th scope="row">{tableX(x, m.xKind, ctx.locale)}</th>
                      {m.series.map((s) => (
                        <td class="num">{fmt(s.values[i] ?? 0, s.unit)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <p>
            <a href={`/admin/analytics/charts/${m.id}.csv${query}`} download>
              {ctx.t('analytics.csv')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
