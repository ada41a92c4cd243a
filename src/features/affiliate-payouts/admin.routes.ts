import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatAmountInput } from '../../domain/money.js';
import type { Services } from '../../services.js';
import type { FieldErrors } from '../../web/components.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { recordAudit } from '../admin/audit.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { ADMIN_BASE, PayoutsAdminPage } from './admin.page.js';
import { noticeOf, type PageQuery, pageQuery } from './admin-notice.js';
import { sendCreditNote } from './documents.js';
import {
  type PayoutSettingsValues,
  readPayoutSettings,
  readPayoutSettingsForm,
  savePayoutSettings,
} from './payout-settings.js';
import {
  createSepaBatch,
  findBatch,
  findPayout,
  listBatches,
  listPayouts,
  markPayoutsPaid,
  openPayoutsOfBatch,
} from './payouts.js';
import { runPayouts } from './run-payouts.js';

/** A browser sends one checkbox as a string, several as an array. */
const chosenForm = z.object({
  payoutIds: z
    .union([z.uuid(), z.array(z.uuid()).max(1000)])
    .optional()
    .catch(undefined)
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});
const idParams = z.object({ payoutId: z.uuid() });
const docParams = idParams.extend({ kind: z.enum(['pdf', 'xml']) });

/** /admin/affiliates/payouts: run, SEPA files, marking paid, credit notes, settings. */
export function registerPayoutAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    o: { query?: PageQuery; form?: { values: PayoutSettingsValues; errors: FieldErrors } },
    status = 200,
  ) => {
    const [ctx, store, settings, open, all, batches] = await Promise.all([
      adminPageContext(req, reply, services),
      getStoreSettings(db),
      readPayoutSettings(db),
      listPayouts(db, { status: 'open' }),
      listPayouts(db),
      listBatches(db),
    ]);
    const values = o.form?.values ?? {
      minimum: formatAmountInput(settings.minimumMinor, store.currency, ctx.locale),
      debtorName: settings.debtorName,
      debtorIban: settings.debtorIban,
      debtorBic: settings.debtorBic,
    };
    const page = PayoutsAdminPage({
      ctx,
      currency: store.currency,
      open,
      all,
      batches,
      settings: values,
      errors: o.form?.errors ?? {},
      notice: o.query ? noticeOf(ctx, o.query) : undefined,
    });
    return sendPage(reply, page, status);
  };
  const back = (reply: FastifyReply, q: Record<string, string | number>) =>
    reply.redirect(`${ADMIN_BASE}?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`, 303);

  app.get(ADMIN_BASE, { ...guard, schema: { querystring: pageQuery } }, (req, reply) =>
    render(req, reply, { query: req.query }),
  );

  app.post(`${ADMIN_BASE}/run`, guard, async (req, reply) => {
    const r = await runPayouts(db, { publicUrl: services.config.publicUrl });
    if (!r.ok) return back(reply, { error: r.error });
    await recordAudit(db, actor(req), 'affiliate-payouts.run', { period: r.period, created: r.created.length });
    const counts = new Map<string, number>();
    for (const x of r.skipped) counts.set(x.reason, (counts.get(x.reason) ?? 0) + 1);
    const why = [...counts].map(([reason, n]) => `${reason}.${n}`).join('~');
    return back(reply, { done: 'run', period: r.period, created: r.created.length, skipped: r.skipped.length, why });
  });

  app.post(`${ADMIN_BASE}/sepa`, guard, async (req, reply) => {
    const { payoutIds } = chosenForm.parse(req.body ?? {});
    const r = await createSepaBatch(db, { payoutIds, actor: actor(req) });
    if (r.ok) return back(reply, { done: 'sepa' });
    return back(reply, { error: r.error, ...(r.numbers ? { numbers: r.numbers.join(' ') } : {}) });
  });

  app.post(`${ADMIN_BASE}/mark-paid`, guard, async (req, reply) => {
    const { payoutIds } = chosenForm.parse(req.body ?? {});
    if (payoutIds.length === 0) return back(reply, { error: 'none_chosen' });
    const count = await markPayoutsPaid(db, { payoutIds, actor: actor(req) });
    return back(reply, { done: 'paid', count });
  });

  // After the bank ran a file: every payout in it that is still open, paid.
  const batchParams = z.object({ batchId: z.uuid() });
  app.post(
    `${ADMIN_BASE}/files/:batchId/mark-paid`,
    { ...guard, schema: { params: batchParams } },
    async (req, reply) => {
      if (!(await findBatch(db, req.params.batchId))) return reply.callNotFound();
      const payoutIds = await openPayoutsOfBatch(db, req.params.batchId);
      const count = await markPayoutsPaid(db, { payoutIds, actor: actor(req) });
      return back(reply, { done: 'paid', count });
    },
  );

  app.post(`${ADMIN_BASE}/settings`, guard, async (req, reply) => {
    const [store, ctx] = await Promise.all([getStoreSettings(db), adminPageContext(req, reply, services)]);
    const form = readPayoutSettingsForm(req.body, store.currency, ctx.locale);
    if (!form.ok) {
      const errors = Object.fromEntries(Object.entries(form.errors).map(([k, key]) => [k, ctx.t(key)]));
      return render(req, reply, { form: { values: form.values, errors } }, 400);
    }
    await savePayoutSettings(db, form.value);
    return back(reply, { done: 'settings' });
  });

  app.get(
    `${ADMIN_BASE}/files/:batchId`,
    { ...guard, schema: { params: z.object({ batchId: z.uuid() }) } },
    async (req, reply) => {
      const batch = await findBatch(db, req.params.batchId);
      if (!batch) return reply.callNotFound();
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${batch.message_id}.xml"`)
        .header('cache-control', 'no-store')
        .send(batch.file);
    },
  );

  app.get(
    `${ADMIN_BASE}/:payoutId/credit-note.:kind`,
    { ...guard, schema: { params: docParams } },
    async (req, reply) => {
      const payout = await findPayout(db, req.params.payoutId);
      if (!payout) return reply.callNotFound();
      return sendCreditNote(reply, payout, req.params.kind);
    },
  );
}
