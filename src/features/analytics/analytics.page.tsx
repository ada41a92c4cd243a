import { formatMoney } from '../../domain/money.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { ChartBlock } from './chart-block.js';
import { CountriesSection } from './countries-section.js';
import type { AnalyticsData } from './dashboard-data.js';
import type { WhatIf } from './leverage.js';
import type { ProductRow, Report } from './report.js';
import type { RangeKey } from './view-options.js';

export type WhatIfView = {
  productId: string;
  price: string;
  change: string;
  result?: WhatIf | undefined;
  error?: boolean;
};

function permille(ctx: PageContext, v: number | undefined): string {
  if (v === undefined) return '—';
  const s = `${Math.floor(v / 10)}${ctx.locale === 'de' ? ',' : '.'}${v % 10} %`;
  return s;
}

function times(ctx: PageContext, v: number | undefined): string {
  if (v === undefined) return '—';
  return `${(v / 1000).toFixed(1).replace('.', ctx.locale === 'de' ? ',' : '.')} ×`;
}

function BreakEvenCell({ ctx, r }: { ctx: PageContext; r: ProductRow }) {
  const b = r.breakEven;
  return (
    <>{b.kind === 'forecast' ? ctx.t('analytics.be.forecast', { day: b.day }) : ctx.t(`analytics.be.${b.kind}`)}</>
  );
}

export function AnalyticsPage(p: {
  ctx: PageContext;
  data: AnalyticsData;
  report: Report;
  range: RangeKey;
  query: string;
  whatIf: WhatIfView;
}) {
  const { ctx, data, report } = p;
  const t = ctx.t;
  const money = (v: number) => formatMoney(v, data.currency, ctx.locale);
  const rate = (v: number | undefined) => (v === undefined ? t('analytics.noHours') : money(v));
  return (
    <AdminLayout ctx={ctx} title={t('analytics.title')}>
      <p class="muted">{t('analytics.intro')}</p>
      {data.invalidRecords > 0 && (
        <Alert kind="info">
          {t(data.invalidRecords === 1 ? 'analytics.invalidRecordsOne' : 'analytics.invalidRecords', {
            count: data.invalidRecords,
          })}{' '}
          <a href="/admin/analytics/effort">{t('analytics.effort')}</a>
        </Alert>
      )}
      <form method="get" action="/admin/analytics" class="inline-form">
        <label>
          {t('analytics.range')}{' '}
          <select name="range">
            {(['30', '90', '365', 'all'] as const).map((r) => (
              <option value={r} selected={r === p.range}>
                {t(`analytics.range.${r}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('analytics.currency')}{' '}
          <select name="currency">
            {data.currencies.map((c) => (
              <option value={c} selected={c === data.currency}>
                {c}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" class="secondary">
          {t('analytics.show')}
        </button>{' '}
        <a href="/admin/analytics/effort">{t('analytics.effort')}</a>
      </form>
      <div class="tiles">
        {(
          [
            ['analytics.gross', money(report.totals.gross)],
            ['analytics.net', money(report.totals.net)],
            ['analytics.vat', money(report.totals.vat)],
            ['analytics.netOfVat', money(report.totals.netOfVat)],
            ['analytics.fees', money(report.totals.fees)],
            ['analytics.netAfterFees', money(report.totals.netAfterFees)],
            ['analytics.orders', report.totals.orders],
            ['analytics.newCustomers', report.totals.newCustomers],
            ['analytics.refunds', `${report.totals.refunds} · ${money(report.totals.refunded)}`],
          ] as const
        ).map(([label, value]) => (
          <div class="tile">
            <div class="l">{t(label)}</div>
            <div class="n">{value}</div>
          </div>
        ))}
      </div>
      <p class="hint">{t('analytics.netHint')}</p>
      {report.totals.ordersWithoutFee > 0 && (
        <p class="hint">
          {t('analytics.feesMissing', { count: report.totals.ordersWithoutFee })}
          {report.totals.foreignFeeOrders > 0 &&
            ` ${t('analytics.feesForeign', { count: report.totals.foreignFeeOrders })}`}
        </p>
      )}
      <section class="panel">
        <h2>{t('analytics.leverage')}</h2>
        <p>{t('analytics.rateN', { rate: rate(report.oneToMany.rateMinor) })}</p>
        {report.memberships.count > 0 && (
          <p>{t('analytics.rateMembers', { rate: rate(report.memberships.rateMinor) })}</p>
        )}
        {report.ordersWithoutFee > 0 && (
          <p class="hint">{t('analytics.rateBeforeFees', { count: report.ordersWithoutFee })}</p>
        )}
        <p>{t('analytics.rateOne', { rate: rate(report.oneToOne.rateMinor) })}</p>
        {report.oneToOne.settingMinor > 0 && (
          <p>{t('analytics.rateSetting', { rate: money(report.oneToOne.settingMinor) })}</p>
        )}
        <h2>{t('analytics.passive')}</h2>
        <p>
          {report.passive.totalMinor > 0
            ? t('analytics.passiveText', {
                share: permille(ctx, report.passive.passivePerMille),
                amount: money(report.passive.passiveMinor),
                leave: money(report.passive.onLeaveMinor),
              })
            : t('analytics.passiveNone')}
        </p>
      </section>
      <ChartBlock ctx={ctx} m={report.charts.leverage} kind="line" query={p.query} />
      <ChartBlock ctx={ctx} m={report.charts.revenue} kind="line" query={p.query} />
      <ChartBlock ctx={ctx} m={report.charts.products} kind="bar" query={p.query} />
      <h2>{t('analytics.products')}</h2>
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
            {report.products.map((r) => (
              <tr>
                <th scope="row">
                  {r.title}
                  {r.kind === 'membership' && <span class="muted"> ({t('analytics.membership')})</span>}
                </th>
                <td>{money(r.netMinor)}</td>
                <td>{r.orders}</td>
                <td>{(r.minutes / 60).toFixed(1)}</td>
                <td>{r.rateMinor === undefined ? '—' : money(r.rateMinor)}</td>
                <td>{times(ctx, r.vsClientPerMille)}</td>
                <td>
                  <BreakEvenCell ctx={ctx} r={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('analytics.funnel')}</h2>
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
            {report.products.map((r) => (
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
      <div class="columns">
        {(
          [
            ['analytics.referrers', data.referrers],
            ['analytics.campaigns', data.campaigns],
          ] as const
        ).map(([title, rows]) => (
          <section>
            <h2>{t(title)}</h2>
            {rows.length === 0 ? (
              <p class="empty">{t('analytics.none')}</p>
            ) : (
              <table>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <th scope="row">{r.name}</th>
                      <td>{r.visitors}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))}
      </div>
      <CountriesSection ctx={ctx} c={report.countries} currency={data.currency} query={p.query} />
      <MrrSection ctx={ctx} report={report} currency={data.currency} query={p.query} />
      <WhatIfForm ctx={ctx} data={data} w={p.whatIf} />
      <Form ctx={ctx} action="/admin/analytics/rebuild">
        <p class="hint">{t('analytics.rebuildHint')}</p>
        <button type="submit" class="secondary">
          {t('analytics.rebuild')}
        </button>
      </Form>
    </AdminLayout>
  );
}

function WhatIfForm({ ctx, data, w }: { ctx: PageContext; data: AnalyticsData; w: WhatIfView }) {
  const t = ctx.t;
  const money = (v: number) => formatMoney(v, data.currency, ctx.locale);
  const product = data.products.find((x) => x.id === w.productId) ?? data.products[0];
  if (!product) return null;
  return (
    <section class="panel" id="what-if">
      <h2>{t('analytics.whatIf')}</h2>
      <form method="get" action="/admin/analytics#what-if">
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
          {t('analytics.projection', {
            units: w.result.projectedUnits,
            revenue: money(w.result.projectedMinor),
            current: money(w.result.currentMinor),
            difference: `${w.result.differenceMinor >= 0 ? '+' : '−'}${money(Math.abs(w.result.differenceMinor))}`,
          })}
        </p>
      )}
    </section>
  );
}

function MrrSection({
  ctx,
  report,
  currency,
  query,
}: {
  ctx: PageContext;
  report: Report;
  currency: string;
  query: string;
}) {
  const t = ctx.t;
  const m = report.mrr;
  if (!m) {
    return (
      <>
        <h2>{t('analytics.mrr')}</h2>
        <p class="muted">{t('analytics.mrrPlaceholder')}</p>
      </>
    );
  }
  const money = (v: number) => formatMoney(v, currency, ctx.locale);
  return (
    <>
      <h2 id="mrr">{t('analytics.mrr')}</h2>
      <div class="tiles">
        {(
          [
            ['analytics.mrrNow', money(m.now.mrrMinor)],
            ['analytics.paidMembers', m.now.activePaid],
            ['analytics.freeMembers', m.now.freeMembers],
            ['analytics.newMrr', money(m.period.newMrr)],
            ['analytics.churnedMrr', money(m.period.churnedMrr)],
            [
              'analytics.churnRate',
              t('analytics.churnValue', {
                rate: permille(ctx, m.period.churnRatePermille),
                churned: m.period.churned,
                active: m.period.activeAtStart,
              }),
            ],
          ] as const
        ).map(([label, value]) => (
          <div class="tile">
            <div class="l">{t(label)}</div>
            <div class="n">{value}</div>
          </div>
        ))}
      </div>
      <p class="hint">{t('analytics.mrrHint')}</p>
      <ChartBlock ctx={ctx} m={report.charts.mrr} kind="line" query={query} />
      <ChartBlock ctx={ctx} m={report.charts.members} kind="line" query={query} />
    </>
  );
}
