import type { ComponentChildren } from 'preact';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { RangeKey } from './view-options.js';

/**
 * The leverage dashboard is a few short pages under one tab bar (links, so no
 * script is needed): the answer and the article's picture first, the rest one
 * click away instead of one 7,000-pixel page.
 */
export const ANALYTICS_TABS = {
  overview: '/admin/analytics',
  sales: '/admin/analytics/sales',
  products: '/admin/analytics/products',
  countries: '/admin/analytics/countries',
  members: '/admin/analytics/members',
  effort: '/admin/analytics/effort',
} as const;
export type AnalyticsTab = keyof typeof ANALYTICS_TABS;
/** The tabs that show figures (the last one is where the creator records hours). */
export type FigureTab = Exclude<AnalyticsTab, 'effort'>;

export function AnalyticsTabs({ ctx, current, query }: { ctx: PageContext; current: AnalyticsTab; query: string }) {
  return (
    <nav class="tabs tabs-scroll" aria-label={ctx.t('analytics.tabs')}>
      {(Object.keys(ANALYTICS_TABS) as AnalyticsTab[]).map((tab) => (
        <a
          href={`${ANALYTICS_TABS[tab]}${tab === 'effort' ? '' : query}`}
          aria-current={tab === current ? 'page' : undefined}
        >
          {ctx.t(`analytics.tab.${tab}`)}
        </a>
      ))}
    </nav>
  );
}

/** Period and currency of the figures below; the overview's answer is all time, so it asks for the currency only. */
export function PeriodForm(p: {
  ctx: PageContext;
  tab: FigureTab;
  range: RangeKey;
  currency: string;
  currencies: string[];
  withRange: boolean;
}) {
  const t = p.ctx.t;
  if (!p.withRange && p.currencies.length < 2) return null;
  return (
    <form method="get" action={ANALYTICS_TABS[p.tab]} class="filters" aria-label={t('analytics.inPeriod')}>
      {p.withRange ? (
        <div class="field">
          <label for="f-range">{t('analytics.range')}</label>
          <select id="f-range" name="range">
            {(['30', '90', '365', 'all'] as const).map((r) => (
              <option value={r} selected={r === p.range}>
                {t(`analytics.range.${r}`)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <input type="hidden" name="range" value={p.range} />
      )}
      {p.currencies.length > 1 && (
        <div class="field">
          <label for="f-currency">{t('analytics.currency')}</label>
          <select id="f-currency" name="currency">
            {p.currencies.map((c) => (
              <option value={c} selected={c === p.currency}>
                {c}
              </option>
            ))}
          </select>
        </div>
      )}
      {p.currencies.length < 2 && <input type="hidden" name="currency" value={p.currency} />}
      <div class="actions">
        <button type="submit" class="secondary">
          {t('analytics.show')}
        </button>
      </div>
    </form>
  );
}

/** Records with a day that does not exist are left out of every figure: said on every tab. */
export function InvalidRecords({ ctx, count }: { ctx: PageContext; count: number }) {
  if (count === 0) return null;
  const t = ctx.t;
  return (
    <Alert kind="info">
      {t(count === 1 ? 'analytics.invalidRecordsOne' : 'analytics.invalidRecords', { count })}{' '}
      <a href={ANALYTICS_TABS.effort}>{t('analytics.effort')}</a>
    </Alert>
  );
}

/** Recounts the daily figures from the orders (a job); the effort page says when it has started. */
export function RebuildForm({ ctx }: { ctx: PageContext }) {
  return (
    <Form ctx={ctx} action="/admin/analytics/rebuild">
      <p class="hint">{ctx.t('analytics.rebuildText')}</p>
      <button type="submit" class="secondary">
        {ctx.t('analytics.rebuild')}
      </button>
    </Form>
  );
}

export function AnalyticsShell(p: {
  ctx: PageContext;
  tab: AnalyticsTab;
  title: string;
  query: string;
  invalidRecords: number;
  children: ComponentChildren;
}) {
  return (
    <AdminLayout ctx={p.ctx} title={p.title}>
      <AnalyticsTabs ctx={p.ctx} current={p.tab} query={p.query} />
      <InvalidRecords ctx={p.ctx} count={p.invalidRecords} />
      {p.children}
    </AdminLayout>
  );
}
