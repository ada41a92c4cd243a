import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import type { TabProps } from './analytics.page.js';
import { AnalyticsShell, PeriodForm } from './analytics-shell.js';
import { ChartBlock } from './chart-block.js';
import { formatDay, formatNumber, timesText } from './chart-format.js';
import type { AnalyticsData } from './dashboard-data.js';
import type { WhatIf } from './leverage.js';
import type { ProductRow } from './report.js';

export type WhatIfView = {
  productId: string;
  price: string;
  change: string;
  result?: WhatIf | undefined;
  error?: boolean;
};

function BreakEvenCell({ ctx, r }: { ctx: PageContext; r: ProductRow }) {
  const b = r.breakEven;
  return (
    <>
      {b.kind === 'forecast'
        ? ctx.t('analytics.be.forecast', { day: formatDay(b.day, ctx.locale) })
        : ctx.t(`analytics.be.${b.kind}`)}
    </>
  );
}

/** Every product, all time: net, orders, hours, what an hour earned and when it pays for its hours. */
function ProductTable({ ctx, rows, currency }: { ctx: PageContext; rows: ProductRow[]; currency: string }) {
  const t = ctx.t;
  const money = (v: number) => formatMoney(v, currency, ctx.locale);
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('analytics.product')}</th>
            <th scope="col">{t('analytics.net')}</th>
            <th scope="col">{t('analytics.orders')}</th>
            <th scope="col">{t('analytics.hours')}</th>
            <th scope="col">{t('analytics.perHour')}</th>
            <th scope="col">{t('analytics.vsClient')}</th>
            <th scope="col">{t('analytics.breakEven')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">
                {r.title}
                {r.kind === 'membership' && <span class="muted"> ({t('analytics.membership')})</span>}
                {r.kind === 'podcast' && <span class="muted"> ({t('analytics.podcast')})</span>}
              </th>
              <td>{money(r.netMinor)}</td>
              <td>{r.orders}</td>
              <td>{formatNumber(r.minutes / 60, ctx.locale, 1)}</td>
              <td>{r.rateMinor === undefined ? '—' : money(r.rateMinor)}</td>
              <td>{timesText(r.vsClientPerMille, ctx.locale)}</td>
              <td>
                <BreakEvenCell ctx={ctx} r={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Views, checkouts started and paid orders per product in the period. */
function Funnel({ ctx, rows }: { ctx: PageContext; rows: ProductRow[] }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="funnel-h">
      <h2 id="funnel-h">{t('analytics.funnel')}</h2>
      <p class="hint">{t('analytics.funnelHint')}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('analytics.product')}</th>
              <th scope="col">{t('analytics.views')}</th>
              <th scope="col">{t('analytics.checkouts')}</th>
              <th scope="col">{t('analytics.paid')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.title}</th>
                <td>{r.views}</td>
                <td>{r.checkouts}</td>
                <td>{r.rangeOrders}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function WhatIfForm({ ctx, data, w }: { ctx: PageContext; data: AnalyticsData; w: WhatIfView }) {
  const t = ctx.t;
  const money = (v: number) => formatMoney(v, data.currency, ctx.locale);
  const product = data.products.find((x) => x.id === w.productId) ?? data.products[0];
  if (!product) return null;
  return (
    <section class="panel" id="what-if" aria-labelledby="what-if-h">
      <h2 id="what-if-h">{t('analytics.whatIf')}</h2>
      <form method="get" action="/admin/analytics/products#what-if">
        <input type="hidden" name="currency" value={data.currency} />
        <div class="field">
          <label for="f-product">{t('analytics.product')}</label>
          <select id="f-product" name="product">
            {data.products.map((x) => (
              <option value={x.id} selected={x.id === product.id}>
                {x.title}
              </option>
            ))}
          </select>
        </div>
        <p class="hint">
          {t('analytics.whatIfIntro', { units: product.trailingUnits, price: money(product.priceMinor) })}
        </p>
        <div class="field">
          <label for="f-price">{t('analytics.newPrice')}</label>
          <input id="f-price" name="price" value={w.price} inputMode="decimal" />
        </div>
        <div class="field">
          <label for="f-change">{t('analytics.unitChange')}</label>
          <input id="f-change" name="change" value={w.change} inputMode="numeric" />
        </div>
        <button type="submit">{t('analytics.project')}</button>
      </form>
      {w.error && <p class="error">{t('analytics.badPrice')}</p>}
      {w.result && (
        <p role="status">
          {t(w.result.differenceMinor >= 0 ? 'analytics.projectionMore' : 'analytics.projectionLess', {
            units: w.result.projectedUnits,
            revenue: money(w.result.projectedMinor),
            current: money(w.result.currentMinor),
            difference: money(Math.abs(w.result.differenceMinor)),
          })}
        </p>
      )}
    </section>
  );
}

/** Products: what an hour of each earned against the 1:1 rate, the table, the funnel and the what-if. */
export function ProductsPage(p: TabProps & { whatIf: WhatIfView }) {
  const { ctx, data, report } = p;
  const t = ctx.t;
  return (
    <AnalyticsShell
      ctx={ctx}
      tab="products"
      title={t('analytics.tabTitle', { tab: t('analytics.tab.products') })}
      query={p.query}
      invalidRecords={data.invalidRecords}
    >
      <ChartBlock ctx={ctx} m={report.charts.products} svg={p.svgs.products} query={p.query} />
      <h2>{t('analytics.products')}</h2>
      <ProductTable ctx={ctx} rows={report.products} currency={data.currency} />
      <PeriodForm
        ctx={ctx}
        tab="products"
        range={p.range}
        currency={data.currency}
        currencies={data.currencies}
        withRange
      />
      <Funnel ctx={ctx} rows={report.products} />
      <WhatIfForm ctx={ctx} data={data} w={p.whatIf} />
    </AnalyticsShell>
  );
}
