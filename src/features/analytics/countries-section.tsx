import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import { RebuildForm } from './analytics-shell.js';
import { ChartBlock } from './chart-block.js';
import type { RenderedChart } from './chart-svg.js';
import type { CountryReport, Region } from './country-report.js';

const REGIONS: readonly Region[] = ['eu', 'nonEu', 'unknown'];

/** Sales per buyer's country in the period: EU / non-EU totals, the table, and net per country as bars. */
export function CountriesSection({
  ctx,
  c,
  currency,
  query,
  svg,
}: {
  ctx: PageContext;
  c: CountryReport;
  currency: string;
  query: string;
  svg: RenderedChart;
}) {
  const t = ctx.t;
  const money = (v: number) => formatMoney(v, currency, ctx.locale);
  const uncounted = c.uncounted > 0 && (
    <div class="panel">
      <p>
        {t(c.uncounted === 1 ? 'analytics.countriesUncountedOne' : 'analytics.countriesUncounted', {
          count: c.uncounted,
        })}
      </p>
      <RebuildForm ctx={ctx} />
    </div>
  );
  if (c.rows.length === 0)
    return (
      <>
        <h2 id="countries">{t('analytics.countries')}</h2>
        <p class="empty">{t('analytics.countriesNone')}</p>
        {uncounted}
      </>
    );
  return (
    <>
      <h2 id="countries">{t('analytics.countries')}</h2>
      <p class="hint">{t('analytics.countriesHint')}</p>
      {uncounted}
      <div class="tiles tiles-compact">
        {REGIONS.filter((r) => r !== 'unknown' || c.regions.unknown.orders > 0).map((r) => (
          <div class="tile">
            <div class="l">{t(`analytics.region.${r}`)}</div>
            <div class="n">
              {t(c.regions[r].orders === 1 ? 'analytics.regionValueOne' : 'analytics.regionValue', {
                net: money(c.regions[r].net),
                orders: c.regions[r].orders,
              })}
            </div>
          </div>
        ))}
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('analytics.country')}</th>
              <th scope="col">{t('analytics.orders')}</th>
              <th scope="col">{t('analytics.series.gross')}</th>
              <th scope="col">{t('analytics.refunds')}</th>
              <th scope="col">{t('analytics.series.vat')}</th>
              <th scope="col">{t('analytics.series.netOfVat')}</th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r) => (
              <tr>
                <th scope="row">
                  {r.name}
                  {r.region !== 'unknown' && <span class="muted"> ({r.code})</span>}
                </th>
                <td>{r.orders}</td>
                <td>{money(r.gross)}</td>
                <td>{money(r.refunded)}</td>
                <td>{money(r.vat)}</td>
                <td>{money(r.net)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.regions.unknown.orders > 0 && <p class="hint">{t('analytics.countryUnknownHint')}</p>}
      <ChartBlock ctx={ctx} m={c.chart} svg={svg} query={query} />
    </>
  );
}
