import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import { type ChartModel, hoursText, percentText, type Series } from './chart-model.js';
import { BarChart, LineChart } from './charts.js';
import { HBarChart } from './hbar-chart.js';

export function formatValue(ctx: PageContext, currency: string, v: number, unit: Series['unit']): string {
  if (unit === 'money') return formatMoney(v, currency, ctx.locale);
  if (unit === 'minutes') return `${hoursText(v).replace('.', ctx.locale === 'de' ? ',' : '.')} h`;
  if (unit === 'permille') return `${percentText(v).replace('.', ctx.locale === 'de' ? ',' : '.')} %`;
  return String(v);
}

/** A chart, the same numbers as a table (a <details>, no script needed), and its CSV. */
export function ChartBlock({
  ctx,
  m,
  kind,
  query,
}: {
  ctx: PageContext;
  m: ChartModel;
  kind: 'line' | 'bar' | 'hbar';
  query: string;
}) {
  const fmt = (v: number, s: Pick<Series, 'unit'>) => formatValue(ctx, m.currency, v, s.unit);
  return (
    <section class="panel chart-block">
      <h2>{m.title}</h2>
      {kind === 'line' ? (
        <LineChart m={m} fmt={fmt} />
      ) : kind === 'hbar' ? (
        <HBarChart m={m} fmt={fmt} />
      ) : (
        <BarChart m={m} fmt={fmt} />
      )}
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
                  <th scope="row">{x}</th>
                  {m.series.map((s) => (
                    <td>{fmt(s.values[i] ?? 0, s)}</td>
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
    </section>
  );
}
