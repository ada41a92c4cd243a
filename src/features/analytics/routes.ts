import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCurrencyCode, readAmount } from '../../domain/money.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { AnalyticsPage, type WhatIfView } from './analytics.page.js';
import { chartCsv } from './chart-model.js';
import { loadAnalytics } from './dashboard-data.js';
import { EffortPage, type Notice } from './effort.page.js';
import { loadEffortRecords } from './effort-data.js';
import { clientWorkForm, effortForm, leaveForm, parseClientCsv, parseHours, readClientWork } from './effort-input.js';
import { whatIf } from './leverage.js';
import { rebuildAnalyticsJob } from './rebuild.job.js';
import { addClientWork, addEffortEntry, addLeavePeriod, deleteRecord } from './record-effort.js';
import { buildReport } from './report.js';
import { getAnalyticsSettings, saveAnalyticsSettings } from './settings.js';
import { readSettingsForm, settingsForm } from './settings-form.js';
import { localDay } from './time-zone.js';
import { type AnalyticsQuery, analyticsQuery } from './view-options.js';

const noticeQuery = z.object({
  ok: z.string().optional(),
  error: z.string().optional(),
  imported: z.coerce.number().optional(),
  bad: z.string().max(200).optional(),
});
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

  app.get('/admin/analytics', { ...guard, schema: { querystring: analyticsQuery } }, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    const { data, report: r } = await report(req.query, ctx);
    const w: WhatIfView = {
      productId: req.query.product ?? '',
      price: req.query.price ?? '',
      change: req.query.change ?? '0',
    };
    const product = data.products.find((x) => x.id === w.productId);
    if (product && w.price) {
      const price = readAmount(w.price, data.currency);
      const change = Number(w.change || '0');
      if (price.ok && Number.isInteger(change) && change >= -100 && change <= 1000) {
        w.result = whatIf({
          units: product.trailingUnits,
          priceMinor: product.priceMinor,
          newPriceMinor: price.minor,
          unitChangePercent: change,
        });
      } else w.error = true;
    }
    const query = `?range=${req.query.range}&currency=${data.currency}`;
    return sendPage(reply, AnalyticsPage({ ctx, data, report: r, range: req.query.range, query, whatIf: w }));
  });

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

  app.get('/admin/analytics/effort', { ...guard, schema: { querystring: noticeQuery } }, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    const [records, settings, store] = await Promise.all([
      loadEffortRecords(db),
      getAnalyticsSettings(db),
      getStoreSettings(db),
    ]);
    const q = req.query;
    const notice: Notice =
      q.error === 'settings'
        ? { kind: 'error', text: ctx.t('effort.badSettings') }
        : q.error
          ? { kind: 'error', text: ctx.t('effort.invalid') }
          : q.imported !== undefined
            ? {
                kind: q.bad ? 'error' : 'success',
                text: `${ctx.t('effort.imported', { count: q.imported })}${q.bad ? ` ${ctx.t('effort.importBad', { lines: q.bad })}` : ''}`,
              }
            : q.ok === 'rebuild'
              ? { kind: 'success', text: ctx.t('analytics.rebuildQueued') }
              : q.ok
                ? { kind: 'success', text: ctx.t('effort.saved') }
                : undefined;
    const today = localDay(new Date(), settings.timeZone);
    return sendPage(reply, EffortPage({ ctx, records, settings, currency: store.currency, today, notice }));
  });

  const back = (ok: boolean, error = 'invalid') => `/admin/analytics/effort?${ok ? 'ok=1' : `error=${error}`}`;

  app.post('/admin/analytics/effort', guard, async (req, reply) => {
    const v = effortForm.safeParse(req.body);
    const minutes = v.success ? parseHours(v.data.hours) : undefined;
    const ok = v.success && minutes !== undefined && (await addEffortEntry(db, { ...v.data, minutes }));
    return reply.redirect(back(ok), 303);
  });

  app.post('/admin/analytics/client-work', guard, async (req, reply) => {
    const { currency } = await getStoreSettings(db);
    const v = clientWorkForm.safeParse(req.body);
    const entry = v.success ? readClientWork(v.data, currency) : undefined;
    if (entry) await addClientWork(db, [entry], currency);
    return reply.redirect(back(!!entry), 303);
  });

  app.post('/admin/analytics/client-work/import', guard, async (req, reply) => {
    const { currency } = await getStoreSettings(db);
    const v = z.object({ csv: z.string().max(500_000).default('') }).safeParse(req.body);
    const { rows, bad } = parseClientCsv(v.success ? v.data.csv : '', currency);
    const count = await addClientWork(db, rows, currency);
    const badText = bad.slice(0, 20).join(', ');
    return reply.redirect(
      `/admin/analytics/effort?imported=${count}${badText ? `&bad=${encodeURIComponent(badText)}` : ''}`,
      303,
    );
  });

  app.post('/admin/analytics/leave', guard, async (req, reply) => {
    const v = leaveForm.safeParse(req.body);
    return reply.redirect(back(v.success && (await addLeavePeriod(db, v.data))), 303);
  });

  app.post(
    '/admin/analytics/effort/:kind/:id/delete',
    { ...guard, schema: { params: recordParams } },
    async (req, reply) => {
      await deleteRecord(db, req.params.kind, req.params.id);
      return reply.redirect(back(true), 303);
    },
  );

  app.post('/admin/analytics/settings', guard, async (req, reply) => {
    const { currency } = await getStoreSettings(db);
    const v = settingsForm.safeParse(req.body);
    const s = v.success ? readSettingsForm(v.data, currency) : undefined;
    if (s) await saveAnalyticsSettings(db, s);
    return reply.redirect(back(!!s, 'settings'), 303);
  });
}
