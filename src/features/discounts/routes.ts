import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { pageNumber } from '../../web/form-fields.js';
import { sendPage } from '../../web/render.js';
import { adminLocale, adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { createDiscount } from './create-discount.js';
import {
  blankFormInput,
  type DiscountFormErrors,
  type DiscountFormInput,
  discountFormBody,
  formInputOf,
  parseDiscountForm,
} from './discount-form.js';
import { DiscountFormPage } from './discount-form.page.js';
import { DiscountsPage } from './discounts.page.js';
import { findDiscount, listDiscounts, productChoices } from './queries.js';
import { setDiscountActive } from './set-discount-active.js';
import { updateDiscount } from './update-discount.js';

const NOTICES = ['created', 'saved', 'deactivated', 'activated'] as const;
type Notice = (typeof NOTICES)[number];

const listQuery = z.object({
  page: pageNumber(),
  notice: z.enum(NOTICES).optional().catch(undefined),
  code: z.string().max(40).optional().catch(undefined),
});
const idParams = z.object({ id: z.uuid() });
const noticeQuery = z.object({ notice: z.enum(NOTICES).optional().catch(undefined) });
const activeBody = z.object({ _csrf: z.string().max(200).optional(), active: z.enum(['0', '1']) });

/** Admin: discount codes — list, create, edit, switch off. */
export function registerDiscountsRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  async function showForm(
    req: FastifyRequest,
    reply: FastifyReply,
    view: { input: DiscountFormInput; errors?: DiscountFormErrors; id?: string; notice?: Notice },
    status = 200,
  ) {
    const [ctx, products, existing] = await Promise.all([
      adminPageContext(req, reply, services),
      productChoices(db),
      view.id ? findDiscount(db, view.id) : undefined,
    ]);
    if (view.id && !existing) throw notFound('Discount code not found');
    const notice = view.notice ? ctx.t(`discounts.notice.${view.notice}`, { code: existing?.code ?? '' }) : undefined;
    const page = DiscountFormPage({
      ctx,
      view: { input: view.input, errors: view.errors ?? {}, products, existing, now: isoNow(), notice },
    });
    return sendPage(reply, page, status);
  }

  app.get('/admin/discounts', { ...guard, schema: { querystring: listQuery } }, async (req, reply) => {
    const { page, notice, code } = req.query;
    const [ctx, list] = await Promise.all([adminPageContext(req, reply, services), listDiscounts(db, page)]);
    const text = notice ? ctx.t(`discounts.notice.${notice}`, { code: code ?? '' }) : undefined;
    return sendPage(reply, DiscountsPage({ ctx, list, now: isoNow(), notice: text }));
  });

  app.get('/admin/discounts/new', guard, async (req, reply) => {
    const { currency } = await getStoreSettings(db);
    return showForm(req, reply, { input: blankFormInput(currency) });
  });

  app.post('/admin/discounts', { ...guard, schema: { body: discountFormBody } }, async (req, reply) => {
    const parsed = parseDiscountForm(
      req.body,
      await productChoices(db),
      await adminLocale(req, services),
      (await getStoreSettings(db)).timeZone,
    );
    if (!parsed.ok) return showForm(req, reply, { input: req.body, errors: parsed.errors }, 400);
    const result = await createDiscount(db, { values: parsed.values, actor: currentAdmin(req).user.email });
    if (result === 'duplicate') {
      return showForm(req, reply, { input: req.body, errors: { code: { key: 'discounts.error.codeTaken' } } }, 400);
    }
    const q = new URLSearchParams({ notice: 'created', code: parsed.values.code });
    return reply.redirect(`/admin/discounts?${q}`, 303);
  });

  app.get(
    '/admin/discounts/:id',
    { ...guard, schema: { params: idParams, querystring: noticeQuery } },
    async (req, reply) => {
      const code = await findDiscount(db, req.params.id);
      if (!code) throw notFound('Discount code not found');
      return showForm(req, reply, {
        input: formInputOf(code, await adminLocale(req, services), (await getStoreSettings(db)).timeZone),
        id: code.id,
        notice: req.query.notice,
      });
    },
  );

  app.post(
    '/admin/discounts/:id',
    { ...guard, schema: { params: idParams, body: discountFormBody } },
    async (req, reply) => {
      const { id } = req.params;
      const parsed = parseDiscountForm(
        req.body,
        await productChoices(db),
        await adminLocale(req, services),
        (await getStoreSettings(db)).timeZone,
      );
      if (!parsed.ok) return showForm(req, reply, { input: req.body, errors: parsed.errors, id }, 400);
      const result = await updateDiscount(db, { id, values: parsed.values, actor: currentAdmin(req).user.email });
      if (result === 'not-found') throw notFound('Discount code not found');
      if (result === 'duplicate') {
        const errors = { code: { key: 'discounts.error.codeTaken' as const } };
        return showForm(req, reply, { input: req.body, errors, id }, 400);
      }
      return reply.redirect(`/admin/discounts/${id}?notice=saved`, 303);
    },
  );

  app.post(
    '/admin/discounts/:id/active',
    { ...guard, schema: { params: idParams, body: activeBody } },
    async (req, reply) => {
      const { id } = req.params;
      const active = req.body.active === '1';
      const found = await setDiscountActive(db, { id, active, actor: currentAdmin(req).user.email });
      if (!found) throw notFound('Discount code not found');
      return reply.redirect(`/admin/discounts/${id}?notice=${active ? 'activated' : 'deactivated'}`, 303);
    },
  );
}
