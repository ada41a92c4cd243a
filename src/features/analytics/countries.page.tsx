import type { TabProps } from './analytics.page.js';
import { AnalyticsShell, PeriodForm } from './analytics-shell.js';
import { CountriesSection } from './countries-section.js';

/** Sales per buyer's country in the period. */
export function CountriesPage(p: TabProps) {
  const { ctx, data, report } = p;
  const t = ctx.t;
  return (
    <AnalyticsShell
      ctx={ctx}
      tab="countries"
      title={t('analytics.tabTitle', { tab: t('analytics.tab.countries') })}
      query={p.query}
      invalidRecords={data.invalidRecords}
    >
      <PeriodForm
        ctx={ctx}
        tab="countries"
        range={p.range}
        currency={data.currency}
        currencies={data.currencies}
        withRange
      />
      <CountriesSection
        ctx={ctx}
        c={report.countries}
        currency={data.currency}
        query={p.query}
        svg={p.svgs.countries}
      />
    </AnalyticsShell>
  );
}
