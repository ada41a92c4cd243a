import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCurrencyCode, readAmount } from '../../domain/money.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import type { Translate } from '../../web/messages.js';
import { sendPage } from '../../web/render.js';
import { adminLocale, adminPageContext } from '../admin/admin-context.js';
import { requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { AnalyticsPage, type ChartSvgs, type TabProps } from './analytics.page.js';
import { ANALYTICS_TABS, type FigureTab } from './analytics-shell.js';
import { chartCsv } from './chart-model.js';
import { renderChart } from './chart-svg.js';
import { CountriesPage } from './countries.page.js';
import { type AnalyticsData, loadAnalytics } from './dashboard-data.js';
import { EffortPage, type FailedForm, type NoticeOf } from './effort.page.js';
import { loadEffortRecords } from './effort-data.js';
import {
  CSV_REASONS,
  type CsvReason,
  checkClientWork,
  checkEffort,
  checkLeave,
  clientWorkForm,
  effortForm,
  leaveForm,
  parseClientCsv,
  type RefusedLine,
} from './effort-input.js';
import { rebuildAnalyticsJob } from './job-contracts.js';
import { whatIf } from './leverage.js';
import { MembersPage } from './members.page.js';
import { ProductsPage, type WhatIfView } from './products.page.js';
import { addClientWork, addEffortEntry, addLeavePeriod, deleteRecord } from './record-effort.js';
import { buildReport, type Report } from './report.js';
import { SalesPage } from './sales.page.js';
import { getAnalyticsSettings, saveAnalyticsSettings } from './settings.js';
import { checkSettings, settingsForm } from './settings-form.js';
import { localDay } from './time-zone.js';
import { type AnalyticsQuery, analyticsQuery } from './view-options.js';

const noticeQuery = z.object({
  ok: z.string().max(20).optional().catch(undefined),
  imported: z.coerce.number().int().min(0).optional().catch(undefined),
  bad: z.string().max(400).optional().catch(undefined),
  more: z.coerce.number().int().min(0).optional().catch(undefined),
});
const MAX_REFUSED_SHOWN = 20;

/** `3:day,7:hours` from the query → the refused lines (anything else in it is ignored). */
function readRefused(text: string): RefusedLine[] {
  return text
    .split(',')
    .map((part) => /^(\d{1,7}):([a-z]+)$/.exec(part))
    .filter((m): m is RegExpExecArray => !!m && (CSV_REASONS as readonly string[]).includes(m[2] as string))
    .map((m) => ({ line: Number(m[1]), reason: m[2] as CsvReason }))
    .slice(0, MAX_REFUSED_SHOWN);
}

/** What the import did: how many entries it added, and every refused line with its number and reason. */
function importNotice(t: Translate, imported: number, refused: RefusedLine[], more: number) {
  const done = t(imported === 1 ? 'analytics.effort.importedOne' : 'analytics.effort.imported', { count: imported });
  if (refused.length === 0) return { kind: 'success' as const, text: done };
  const lines = refused.map((r) =>
    t('analytics.effort.refusedLine', { line: r.line, reason: t(`analytics.effort.csv.${r.reason}`) }),
  );
  const count = refused.length + more;
  const head = t(count === 1 ? 'analytics.effort.refusedOne' : 'analytics.effort.refused', { count });
  const tail = more > 0 ? ` ${t('analytics.effort.refusedMore', { count: more })}` : '';
  return { kind: 'error' as const, text: `${done} ${head} ${lines.join('; ')}.${tail}` };
}
/** The charts each tab draws (the others are not drawn for it). */
const TAB_CHARTS: Record<FigureTab, (keyof Report['charts'])[]> = {
  overview: ['leverage'],
  sales: ['revenue'],
  products: ['products'],
  countries: ['countries'],
  members: ['mrr', 'members'],
};

/** The what-if projection asked for in the query, if any. */
function whatIfOf(data: AnalyticsData, q: AnalyticsQuery, locale: PageContext['locale']): WhatIfView {
  const w: WhatIfView = { productId: q.product ?? '', price: q.price ?? '', change: q.change ?? '0' };
  const product = data.products.find((x) => x.id === w.productId);
  if (!product || !w.price) return w;
  const price = readAmount(w.price, data.currency, locale);
  const change = Number(w.change || '0');
  if (!price.ok || !Number.isInteger(change) || change < -100 || change > 1000) return { ...w, error: true };
  const result = whatIf({
    units: product.trailingUnits,
    priceMinor: product.priceMinor,
    newPriceMinor: price.minor,
    unitChangePercent: change,
  });
  return { ...w, result };
}

function tabPage(tab: FigureTab, p: TabProps, q: AnalyticsQuery) {
  if (tab === 'products') return ProductsPage({ ...p, whatIf: whatIfOf(p.data, q, p.ctx.locale) });
  return { overview: AnalyticsPage, sales: SalesPage, countries: CountriesPage, members: MembersPage }[tab](p);
}

const recordParams = z.object({ kind: z.enum(['effort', 'client', 'leave']), id: z.string().max(100) });

/** Admin → Leverage: the dashboard, its CSV exports, and the creator's records of work and time off. */
export function registerAnalyticsRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  async function report(q: AnalyticsQuery, ctx: Pick<PageContext, 't' | 'locale'>) {
    const store = await getStoreSettings(db);
    const currency = q.currency && isCurrencyCode(q.currency) ? q.currency : store.currency;
    const data = await loadAnalytics(db, { currency, range: q.range });
    return { data, report: buildReport(data, data.period, ctx.t, ctx.locale) };
  }

  for (const tab of Object.keys(TAB_CHARTS) as FigureTab[]) {
    app.get(ANALYTICS_TABS[tab], { ...guard, schema: { querystring: analyticsQuery } }, async (req, reply) => {
      const ctx = await adminPageContext(req, reply, services);
      const { data, report: r } = await report(req.query, ctx);
      const svgs: ChartSvgs = {};
      for (const id of TAB_CHARTS[tab]) svgs[id] = await renderChart(r.charts[id], ctx.locale);
      const query = `?range=${req.query.range}&currency=${data.currency}`;
      const props: TabProps = { ctx, data, report: r, range: req.query.range, query, svgs };
      return sendPage(reply, tabPage(tab, props, req.query));
    });
  }

  app.get(
    '/admin/analytics/charts/:chart',
    {
      ...guard,
      schema: {
        params: z.object({
          chart: z.enum(['leverage.csv', 'revenue.csv', 'products.csv', 'mrr.csv', 'members.csv', 'countries.csv']),
        }),
        querystring: analyticsQuery,
      },
    },
    async (req, reply) => {
      const ctx = await adminPageContext(req, reply, services);
      const { report: r } = await report(req.query, ctx);
      const id = req.params.chart.slice(0, -4) as keyof typeof r.charts;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${id}.csv"`)
        .header('cache-control', 'no-store')
        .send(chartCsv(r.charts[id]));
    },
  );

  app.post('/admin/analytics/rebuild', guard, async (_req, reply) => {
    await enqueueJob(db, rebuildAnalyticsJob, {});
    services.nudgeWorker();
    return reply.redirect('/admin/analytics/effort?ok=rebuild', 303);
  });

  async function effortPage(
    req: FastifyRequest,
    reply: FastifyReply,
    view: { notice?: NoticeOf; failed?: FailedForm },
    status = 200,
  ) {
    const ctx = await adminPageContext(req, reply, services);
    const [records, settings, store] = await Promise.all([
      loadEffortRecords(db),
      getAnalyticsSettings(db),
      getStoreSettings(db),
    ]);
    const today = localDay(new Date(), settings.timeZone);
    const notice = view.notice?.(ctx.t);
    const page = EffortPage({ ctx, records, settings, currency: store.currency, today, notice, failed: view.failed });
    return sendPage(reply, page, status);
  }

  app.get('/admin/analytics/effort', { ...guard, schema: { querystring: noticeQuery } }, async (req, reply) => {
    const q = req.query;
    const notice: NoticeOf = (t) =>
      q.imported !== undefined
        ? importNotice(t, q.imported, readRefused(q.bad ?? ''), q.more ?? 0)
        : q.ok === 'rebuild'
          ? { kind: 'success', text: t('analytics.rebuildQueued') }
          : q.ok
            ? { kind: 'success', text: t('analytics.effort.saved') }
            : undefined;
    return effortPage(req, reply, { notice });
  });

  const saved = '/admin/analytics/effort?ok=1';
  const refuse = (req: FastifyRequest, reply: FastifyReply, failed: FailedForm) =>
    effortPage(req, reply, { failed }, 400);

  app.post('/admin/analytics/effort', guard, async (req, reply) => {
    const values = effortForm.parse(req.body ?? {});
    const v = checkEffort(values);
    if (!v.ok) return refuse(req, reply, { form: 'effort', values, errors: v.errors });
    if (!(await addEffortEntry(db, v.value)))
      return refuse(req, reply, { form: 'effort', values, errors: { productId: 'product' } });
    return reply.redirect(saved, 303);
  });

  app.post('/admin/analytics/client-work', guard, async (req, reply) => {
    const { currency } = await getStoreSettings(db);
    const values = clientWorkForm.parse(req.body ?? {});
    const v = checkClientWork(values, currency, await adminLocale(req, services));
    if (!v.ok) return refuse(req, reply, { form: 'client', values, errors: v.errors });
    await addClientWork(db, [v.value], currency);
    return reply.redirect(saved, 303);
  });

  app.post('/admin/analytics/client-work/import', guard, async (req, reply) => {
    const { currency } = await getStoreSettings(db);
    const v = z.object({ csv: z.string().max(500_000).default('') }).safeParse(req.body);
    const { rows, refused } = parseClientCsv(v.success ? v.data.csv : '', currency, await adminLocale(req, services));
    const count = await addClientWork(db, rows, currency);
    const shown = refused.slice(0, MAX_REFUSED_SHOWN);
    const more = refused.length - shown.length;
    const bad = shown.map((r) => `${r.line}:${r.reason}`).join(',');
    return reply.redirect(
      `/admin/analytics/effort?imported=${count}${bad ? `&bad=${bad}` : ''}${more ? `&more=${more}` : ''}`,
      303,
    );
  });

  app.post('/admin/analytics/leave', guard, async (req, reply) => {
    const values = leaveForm.parse(req.body ?? {});
    const v = checkLeave(values);
    if (!v.ok) return refuse(req, reply, { form: 'leave', values, errors: v.errors });
    await addLeavePeriod(db, v.value);
    return reply.redirect(saved, 303);
  });

  app.post(
    '/admin/analytics/effort/:kind/:id/delete',
    { ...guard, schema: { params: recordParams } },
    async (req, reply) => {
      await deleteRecord(db, req.params.kind, req.params.id);
      return reply.redirect(saved, 303);
    },
  );

  app.post('/admin/analytics/settings', guard, async (req, reply) => {
    const { currency } = await getStoreSettings(db);
    const values = settingsForm.parse(req.body ?? {});
    const v = checkSettings(values, currency, await adminLocale(req, services));
    if (!v.ok) return refuse(req, reply, { form: 'settings', values, errors: v.errors });
    await saveAnalyticsSettings(db, v.value);
    return reply.redirect(saved, 303);
  });
}
