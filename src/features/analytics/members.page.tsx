import { formatMoney } from '../../domain/money.js';
import type { MessageKey } from '../../web/messages.js';
import type { TabProps } from './analytics.page.js';
import { AnalyticsShell, PeriodForm } from './analytics-shell.js';
import { ChartBlock } from './chart-block.js';
import { permilleText } from './chart-format.js';

/** MRR and churn, once the store sells memberships. */
export function MembersPage(p: TabProps) {
  const { ctx, data, report } = p;
  const t = ctx.t;
  const m = report.mrr;
  const money = (v: number) => formatMoney(v, data.currency, ctx.locale);
  const tiles: [MessageKey, string | number][] = m
    ? [
        ['analytics.mrrNow', money(m.now.mrrMinor)],
        ['analytics.paidMembers', m.now.activePaid],
        ['analytics.freeMembers', m.now.freeMembers],
        ['analytics.newMrr', money(m.period.newMrr)],
        ['analytics.churnedMrr', money(m.period.churnedMrr)],
        [
          'analytics.churnRate',
          t('analytics.churnValue', {
            rate: permilleText(m.period.churnRatePermille, ctx.locale),
            churned: m.period.churned,
            active: m.period.activeAtStart,
          }),
        ],
      ]
    : [];
  return (
    <AnalyticsShell
      ctx={ctx}
      tab="members"
      title={t('analytics.tabTitle', { tab: t('analytics.tab.members') })}
      query={p.query}
      invalidRecords={data.invalidRecords}
    >
      <h2 id="mrr">{t('analytics.mrr')}</h2>
      {m ? (
        <>
          <PeriodForm
            ctx={ctx}
            tab="members"
            range={p.range}
            currency={data.currency}
            currencies={data.currencies}
            withRange
          />
          <div class="tiles tiles-compact">
            {tiles.map(([label, value]) => (
              <div class="tile">
                <div class="l">{t(label)}</div>
                <div class="n">{value}</div>
              </div>
            ))}
          </div>
          <p class="hint">{t('analytics.mrrHint')}</p>
          <ChartBlock ctx={ctx} m={report.charts.mrr} svg={p.svgs.mrr} query={p.query} />
          <ChartBlock ctx={ctx} m={report.charts.members} svg={p.svgs.members} query={p.query} />
        </>
      ) : (
        <p class="empty">{t('analytics.mrrPlaceholder')}</p>
      )}
    </AnalyticsShell>
  );
}
