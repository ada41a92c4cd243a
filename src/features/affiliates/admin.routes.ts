import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { FieldErrors } from '../../web/components.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { AffiliatesPage } from './admin.page.js';
import { AffiliatePage } from './affiliate.page.js';
import { approveDueCommissions } from './approve.js';
import { MIN_HOLD_DAYS } from './commission.js';
import {
  type CommissionValues,
  percentInput,
  readCommissionForm,
  readPercent,
  storedCommissionValues,
} from './commission-form.js';
import { inviteAffiliate, setAffiliateStatus, updateCommission } from './manage-affiliates.js';
import { type Programme, readProgramme, saveProgramme } from './programme-settings.js';
import { affiliateFigures, findAffiliate, ledgerOf, linkableProducts, listAffiliates } from './queries.js';

const DONE = ['invited', 'status', 'saved', 'stale'] as const;
const doneQuery = z.object({ done: z.enum(DONE).optional().catch(undefined) });
const idParams = z.object({ id: z.uuid() });
const statusForm = z.object({ action: z.enum(['approve', 'reject', 'suspend']).optional().catch(undefined) });
const inviteForm = z.object({
  name: z.string().trim().max(200).default(''),
  email: z.string().trim().max(320).default(''),
});
const programmeForm = z.object({
  holdDays: z.string().trim().max(10).default(''),
  cookieDays: z.string().trim().max(10).default(''),
  percentBp: z.string().trim().max(10).default(''),
});
const EMPTY_FIGURES = {
  clicks: 0,
  sales: 0,
  salesMinor: 0,
  commissionMinor: 0,
  heldMinor: 0,
  payableMinor: 0,
  paidMinor: 0,
};

type ListForms = {
  programme?: { values: Record<keyof Programme, string>; errors: FieldErrors };
  invite?: { values: { name: string; email: string }; errors: FieldErrors };
  done?: (typeof DONE)[number] | undefined;
};

/** /admin/affiliates: the list, top affiliates, invitations, status changes, programme settings, one affiliate's commission. */
export function registerAffiliateAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;
  const storeLocale = async () => (await getStoreSettings(db)).locale;

  const renderList = async (req: FastifyRequest, reply: FastifyReply, forms: ListForms, status = 200) => {
    const now = new Date();
    await approveDueCommissions(db, now);
    const [ctx, affiliates, figures, programme] = await Promise.all([
      adminPageContext(req, reply, services),
      listAffiliates(db),
      affiliateFigures(db, now),
      readProgramme(db),
    ]);
    const page = AffiliatesPage({
      ctx,
      rows: affiliates.map((affiliate) => ({ affiliate, figures: figures.get(affiliate.id) ?? EMPTY_FIGURES })),
      programme: forms.programme ?? {
        values: {
          holdDays: String(programme.holdDays),
          cookieDays: String(programme.cookieDays),
          percentBp: percentInput(programme.percentBp, ctx.locale),
        },
        errors: {},
      },
      invite: forms.invite ?? { values: { name: '', email: '' }, errors: {} },
      applyUrl: `${services.config.publicUrl}/partner/apply`,
      notice: forms.done ? ctx.t(`affiliates.done.${forms.done}`) : undefined,
    });
    return sendPage(reply, page, status);
  };

  app.get('/admin/affiliates', { ...guard, schema: { querystring: doneQuery } }, (req, reply) =>
    renderList(req, reply, { done: req.query.done }),
  );

  app.post('/admin/affiliates/invite', guard, async (req, reply) => {
    const form = inviteForm.parse(req.body ?? {});
    const ctx = await adminPageContext(req, reply, services);
    const errors: FieldErrors = {};
    if (!form.name) errors.name = ctx.t('affiliates.error.required');
    if (!z.email().safeParse(form.email).success) errors.email = ctx.t('affiliates.error.email');
    if (Object.keys(errors).length) return renderList(req, reply, { invite: { values: form, errors } }, 400);
    const id = await inviteAffiliate(db, {
      ...form,
      locale: await storeLocale(),
      publicUrl: services.config.publicUrl,
      actor: actor(req),
    });
    if (!id)
      return renderList(
        req,
        reply,
        { invite: { values: form, errors: { email: ctx.t('affiliates.error.exists') } } },
        400,
      );
    services.nudgeWorker();
    return reply.redirect('/admin/affiliates?done=invited', 303);
  });

  app.post('/admin/affiliates/programme', guard, async (req, reply) => {
    const values = programmeForm.parse(req.body ?? {});
    const ctx = await adminPageContext(req, reply, services);
    const errors: FieldErrors = {};
    const holdDays = Number(values.holdDays);
    const cookieDays = Number(values.cookieDays);
    const percentBp = readPercent(values.percentBp);
    if (!Number.isInteger(holdDays) || holdDays < MIN_HOLD_DAYS || holdDays > 365)
      errors.holdDays = ctx.t('affiliates.error.days', { min: MIN_HOLD_DAYS });
    if (!Number.isInteger(cookieDays) || cookieDays < 1 || cookieDays > 365)
      errors.cookieDays = ctx.t('affiliates.error.days', { min: 1 });
    if (percentBp === undefined) errors.percentBp = ctx.t('affiliates.error.percent');
    if (Object.keys(errors).length || percentBp === undefined)
      return renderList(req, reply, { programme: { values, errors } }, 400);
    await saveProgramme(db, { holdDays, cookieDays, percentBp });
    return reply.redirect('/admin/affiliates?done=saved', 303);
  });

  app.post('/admin/affiliates/:id/status', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const { action } = statusForm.parse(req.body ?? {});
    if (!action) return reply.redirect('/admin/affiliates?done=stale', 303);
    const changed = await setAffiliateStatus(db, {
      id: req.params.id,
      action,
      actor: actor(req),
      locale: await storeLocale(),
      publicUrl: services.config.publicUrl,
    });
    services.nudgeWorker();
    return reply.redirect(`/admin/affiliates?done=${changed ? 'status' : 'stale'}`, 303);
  });

  const renderAffiliate = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form?: { values: CommissionValues; errors: FieldErrors },
    done?: string,
  ) => {
    const affiliate = await findAffiliate(db, id);
    if (!affiliate) return reply.callNotFound();
    const now = new Date();
    await approveDueCommissions(db, now, id);
    const [ctx, figures, products, overrides, coupons, ledger] = await Promise.all([
      adminPageContext(req, reply, services),
      affiliateFigures(db, now, id),
      linkableProducts(db),
      db.selectFrom('affiliate_product_commissions').selectAll().where('affiliate_id', '=', id).execute(),
      db
        .selectFrom('discount_codes')
        .leftJoin('affiliate_coupons', 'affiliate_coupons.discount_code_id', 'discount_codes.id')
        .select(['discount_codes.id', 'discount_codes.code', 'affiliate_coupons.affiliate_id'])
        .orderBy('discount_codes.code')
        .execute(),
      ledgerOf(db, id, 100),
    ]);
    const own = coupons.find((c) => c.affiliate_id === id)?.id;
    const page = AffiliatePage({
      ctx,
      affiliate,
      figures: figures.get(id) ?? EMPTY_FIGURES,
      products,
      coupons,
      values: form?.values ?? storedCommissionValues(affiliate, overrides, own, ctx.locale),
      errors: form?.errors ?? {},
      ledger,
      notice: done ? ctx.t('affiliates.done.saved') : undefined,
    });
    return sendPage(reply, page, form ? 400 : 200);
  };

  app.get('/admin/affiliates/:id', { ...guard, schema: { params: idParams, querystring: doneQuery } }, (req, reply) =>
    renderAffiliate(req, reply, req.params.id, undefined, req.query.done),
  );

  app.post('/admin/affiliates/:id/commission', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const affiliate = await findAffiliate(db, req.params.id);
    if (!affiliate) return reply.callNotFound();
    const ctx = await adminPageContext(req, reply, services);
    const [products, coupons] = await Promise.all([
      linkableProducts(db),
      db.selectFrom('discount_codes').select('id').execute(),
    ]);
    const read = readCommissionForm((req.body ?? {}) as Record<string, unknown>, {
      currency: affiliate.currency,
      locale: ctx.locale,
      productIds: products.map((p) => p.id),
      couponIds: coupons.map((c) => c.id),
      t: ctx.t,
    });
    if (!read.ok) return renderAffiliate(req, reply, affiliate.id, { values: read.values, errors: read.errors });
    await updateCommission(db, affiliate.id, read.input, actor(req));
    return reply.redirect(`/admin/affiliates/${affiliate.id}?done=saved`, 303);
  });
}
