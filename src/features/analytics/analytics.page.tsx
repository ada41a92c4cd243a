import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import type { MessageKey } from '../../web/messages.js';
import { ANALYTICS_TABS, AnalyticsShell, PeriodForm } from './analytics-shell.js';
import { ChartBlock } from './chart-block.js';
import { permilleText } from './chart-format.js';
import type { RenderedChart } from './chart-svg.js';
import type { AnalyticsData } from './dashboard-data.js';
import type { Report } from './report.js';
import type { RangeKey } from './view-options.js';

export type ChartSvgs = Partial<Record<keyof Report['charts'], RenderedChart>>;

/** What every tab page gets. */
export type TabProps = {
  ctx: PageContext;
  data: AnalyticsData;
  report: Report;
  range: RangeKey;
  /** `?range=…&currency=…`, carried by the tabs and the CSV links. */
  query: string;
  svgs: ChartSvgs;
};

/** Nothing recorded at all: no income, no hours, no client work. */
function isBlank(r: Report): boolean {
  return (
    r.passive.totalMinor === 0 && r.oneToMany.minutes === 0 && r.oneToOne.minutes === 0 && r.oneToOne.incomeMinor === 0
  );
}

/** The page's answer in whole sentences, one message per case (no sentence is glued from pieces). */
function answerOf(r: Report, money: (v: number) => string): { key: MessageKey; params: Record<string, string> } {
  if (isBlank(r)) return { key: 'analytics.answer.empty', params: {} };
  const n = r.oneToMany.rateMinor;
  const one = r.oneToOne.rateMinor;
  if (n !== undefined && one !== undefined)
    return { key: 'analytics.answer.both', params: { n: money(n), one: money(one) } };
  if (n !== undefined && r.oneToOne.settingMinor > 0)
    return { key: 'analytics.answer.bothSetting', params: { n: money(n), one: money(r.oneToOne.settingMinor) } };
  if (n !== undefined) return { key: 'analytics.answer.nOnly', params: { n: money(n) } };
  if (one !== undefined) return { key: 'analytics.answer.oneOnly', params: { one: money(one) } };
  return { key: 'analytics.answer.none', params: {} };
}

/** "An hour of your product work earned X, an hour of client work Y; Z % came in while you were not working." */
function Answer({ ctx, report, currency }: { ctx: PageContext; report: Report; currency: string }) {
  const t = ctx.t;
  const money = (v: number) => formatMoney(v, currency, ctx.locale);
  const answer = answerOf(report, money);
  const p = report.passive;
  const needsHours = report.oneToMany.rateMinor === undefined || report.oneToOne.rateMinor === undefined;
  return (
    <section class="panel answer" aria-labelledby="answer-h">
      <h2 id="answer-h" class="visually-hidden">
        {t('analytics.answer.title')}
      </h2>
      <p class="lead">{t(answer.key, answer.params)}</p>
      {!isBlank(report) &&
        (p.totalMinor > 0 ? (
          <>
            <p class="lead">{t('analytics.passiveShare', { share: permilleText(p.passivePerMille, ctx.locale) })}</p>
            <p class="hint">
              {t('analytics.passiveDetail', { amount: money(p.passiveMinor), leave: money(p.onLeaveMinor) })}
            </p>
          </>
        ) : (
          <p>{t('analytics.passiveNone')}</p>
        ))}
      {needsHours && (
        <p>
          <a href={ANALYTICS_TABS.effort}>{t('analytics.effort')}</a>
        </p>
      )}
    </section>
  );
}

/** Each hourly rate on its own line, with what is still missing said in words. */
function Rates({ ctx, report, currency }: { ctx: PageContext; report: Report; currency: string }) {
  const t = ctx.t;
  const money = (v: number) => formatMoney(v, currency, ctx.locale);
  const r = report;
  return (
    <section class="panel" aria-labelledby="rates-h">
      <h2 id="rates-h">{t('analytics.leverage')}</h2>
      <ul>
        <li>
          {r.oneToMany.rateMinor === undefined
            ? t('analytics.rateNNone')
            : t('analytics.rateN', { rate: money(r.oneToMany.rateMinor) })}
        </li>
        {r.memberships.count > 0 && (
          <li>
            {r.memberships.rateMinor === undefined
              ? t('analytics.rateMembersNone')
              : t('analytics.rateMembers', { rate: money(r.memberships.rateMinor) })}
          </li>
        )}
        {r.podcasts.count > 0 && (
          <li>
            {r.podcasts.rateMinor === undefined
              ? t('analytics.ratePodcastsNone')
              : t('analytics.ratePodcasts', { rate: money(r.podcasts.rateMinor) })}{' '}
            {t('analytics.podcastsDetail', {
              own: money(r.podcasts.ownMinor),
              tiers: money(r.podcasts.tiersMinor),
              downloads: r.podcasts.downloads,
            })}
          </li>
        )}
        <li>
          {r.oneToOne.rateMinor === undefined
            ? t('analytics.rateOneNone')
            : t('analytics.rateOne', { rate: money(r.oneToOne.rateMinor) })}
        </li>
        {r.oneToOne.settingMinor > 0 && <li>{t('analytics.rateSetting', { rate: money(r.oneToOne.settingMinor) })}</li>}
      </ul>
      {r.ordersWithoutFee > 0 && (
        <p class="hint">
          {t(r.ordersWithoutFee === 1 ? 'analytics.rateBeforeFeesOne' : 'analytics.rateBeforeFees', {
            count: r.ordersWithoutFee,
          })}
        </p>
      )}
      <p class="hint">{t('analytics.netHint')}</p>
    </section>
  );
}

/** The period's totals as tiles. */
function PeriodTiles({ ctx, report, currency }: { ctx: PageContext; report: Report; currency: string }) {
  const t = ctx.t;
  const money = (v: number) => formatMoney(v, currency, ctx.locale);
  const x = report.totals;
  const tiles: [MessageKey, string | number][] = [
    ['analytics.gross', money(x.gross)],
    ['analytics.net', money(x.net)],
    ['analytics.vat', money(x.vat)],
    ['analytics.netOfVat', money(x.netOfVat)],
    ['analytics.fees', money(x.fees)],
    ['analytics.netAfterFees', money(x.netAfterFees)],
    ...(x.commissions !== 0
      ? ([
          ['affiliates.figures.commissions', money(x.commissions)],
          ['affiliates.figures.netAfterCommissions', money(x.netAfterCommissions)],
        ] as [MessageKey, string][])
      : []),
    ['analytics.orders', x.orders],
    ['analytics.newCustomers', x.newCustomers],
    [
      'analytics.refunds',
      t(x.refunds === 1 ? 'analytics.refundsValueOne' : 'analytics.refundsValue', {
        count: x.refunds,
        amount: money(x.refunded),
      }),
    ],
  ];
  return (
    <>
      <div class="tiles tiles-compact">
        {tiles.map(([label, value]) => (
          <div class="tile">
            <div class="l">{t(label)}</div>
            <div class="n">{value}</div>
          </div>
        ))}
      </div>
      {x.ordersWithoutFee > 0 && (
        <p class="hint">
          {t(x.ordersWithoutFee === 1 ? 'analytics.feesMissingOne' : 'analytics.feesMissing', {
            count: x.ordersWithoutFee,
          })}
          {x.foreignFeeOrders > 0 && ` ${t('analytics.feesForeign', { count: x.foreignFeeOrders })}`}
        </p>
      )}
    </>
  );
}

/** Overview: the answer, the article's picture with the creator's data, the rates, and the period at a glance. */
export function AnalyticsPage(p: TabProps) {
  const { ctx, data, report } = p;
  const t = ctx.t;
  return (
    <AnalyticsShell
      ctx={ctx}
      tab="overview"
      title={t('analytics.title')}
      query={p.query}
      invalidRecords={data.invalidRecords}
    >
      <PeriodForm
        ctx={ctx}
        tab="overview"
        range={p.range}
        currency={data.currency}
        currencies={data.currencies}
        withRange={false}
      />
      <Answer ctx={ctx} report={report} currency={data.currency} />
      <ChartBlock ctx={ctx} m={report.charts.leverage} svg={p.svgs.leverage} query={p.query} />
      <Rates ctx={ctx} report={report} currency={data.currency} />
      <section aria-labelledby="period-h">
        <h2 id="period-h">{t('analytics.inPeriod')}</h2>
        <PeriodForm ctx={ctx} tab="overview" range={p.range} currency={data.currency} currencies={[]} withRange />
        <PeriodTiles ctx={ctx} report={report} currency={data.currency} />
      </section>
    </AnalyticsShell>
  );
}
