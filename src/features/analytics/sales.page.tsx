import type { TabProps } from './analytics.page.js';
import { AnalyticsShell, PeriodForm } from './analytics-shell.js';
import { ChartBlock } from './chart-block.js';
import { formatNumber } from './chart-format.js';

/** Revenue over the period, and where the visitors came from. */
export function SalesPage(p: TabProps) {
  const { ctx, data, report } = p;
  const t = ctx.t;
  return (
    <AnalyticsShell
      ctx={ctx}
      tab="sales"
      title={t('analytics.tabTitle', { tab: t('analytics.tab.sales') })}
      query={p.query}
      invalidRecords={data.invalidRecords}
    >
      <PeriodForm
        ctx={ctx}
        tab="sales"
        range={p.range}
        currency={data.currency}
        currencies={data.currencies}
        withRange
      />
      <ChartBlock ctx={ctx} m={report.charts.revenue} svg={p.svgs.revenue} query={p.query}>
        <p class="hint">{t('analytics.netHint')}</p>
      </ChartBlock>
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
                <thead>
                  <tr>
                    <th scope="col">
                      {t(title === 'analytics.referrers' ? 'analytics.referrer' : 'analytics.campaign')}
                    </th>
                    <th scope="col">{t('analytics.visitors')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <th scope="row">{r.name}</th>
                      <td class="num">{formatNumber(r.visitors, ctx.locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))}
      </div>
    </AnalyticsShell>
  );
}
