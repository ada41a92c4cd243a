import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MembershipTier } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminLocale, adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { saveTier } from './save-tier.js';
import {
  blankTierInput,
  findTier,
  listTiers,
  parseTierForm,
  type TierFormErrors,
  type TierFormInput,
  tierFormBody,
  tierFormInput,
} from './tiers.js';
import { TierFormPage, TiersPage } from './tiers-admin.page.js';

const idParams = z.object({ id: z.uuid() });
const noticeQuery = z.object({ notice: z.enum(['created', 'saved']).optional().catch(undefined) });

/** Admin: membership tiers. */
export function registerTierAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  async function showForm(
    req: FastifyRequest,
    reply: FastifyReply,
    view: { input: TierFormInput; errors?: TierFormErrors; existing?: MembershipTier; notice?: string },
    status = 200,
  ) {
    const [ctx, settings] = await Promise.all([adminPageContext(req, reply, services), getStoreSettings(db)]);
    const currency = view.existing?.currency ?? settings.currency;
    const notice = view.notice
      ? ctx.t(view.notice === 'created' ? 'memberships.notice.created' : 'memberships.notice.saved')
      : undefined;
    return sendPage(
      reply,
      TierFormPage({ ctx, input: view.input, errors: view.errors ?? {}, currency, existing: view.existing, notice }),
      status,
    );
  }

  async function save(req: FastifyRequest, reply: FastifyReply, input: TierFormInput, existing?: MembershipTier) {
    const { currency } = existing ?? (await getStoreSettings(db));
    const locale = await adminLocale(req, services);
    const parsed = parseTierForm(input, currency, locale, existing ? (existing.is_free ? 'free' : 'paid') : undefined);
    if (!parsed.ok) return showForm(req, reply, { input, errors: parsed.errors, existing }, 400);
    const r = await saveTier(db, {
      id: existing?.id ?? null,
      values: parsed.values,
      currency,
      actor: currentAdmin(req).user.email,
    });
    if (r.kind === 'not-found') throw notFound('Tier not found');
    if (r.kind === 'slug-taken')
      return showForm(req, reply, { input, errors: { slug: 'memberships.error.slugTaken' }, existing }, 400);
    if (r.kind === 'free-exists')
      return showForm(req, reply, { input, errors: { kind: 'memberships.error.freeExists' }, existing }, 400);
    return reply.redirect(`/admin/memberships/tiers/${r.id}?notice=${existing ? 'saved' : 'created'}`, 303);
  }

  app.get('/admin/memberships', guard, async (req, reply) => {
    const [ctx, tiers] = await Promise.all([adminPageContext(req, reply, services), listTiers(db)]);
    return sendPage(reply, TiersPage({ ctx, tiers }));
  });

  app.get('/admin/memberships/tiers/new', guard, async (req, reply) =>
    showForm(req, reply, { input: blankTierInput() }),
  );

  app.post('/admin/memberships/tiers', guard, async (req, reply) => {
    const input = tierFormBody.safeParse(req.body ?? {});
    return save(req, reply, input.success ? input.data : blankTierInput());
  });

  app.get(
    '/admin/memberships/tiers/:id',
    { ...guard, schema: { params: idParams, querystring: noticeQuery } },
    async (req, reply) => {
      const tier = await findTier(db, req.params.id);
      if (!tier) throw notFound('Tier not found');
      return showForm(req, reply, {
        input: tierFormInput(tier, await adminLocale(req, services)),
        existing: tier,
        notice: req.query.notice,
      });
    },
  );

  app.post('/admin/memberships/tiers/:id', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const tier = await findTier(db, req.params.id);
    if (!tier) throw notFound('Tier not found');
    const input = tierFormBody.safeParse(req.body ?? {});
    return save(req, reply, input.success ? input.data : tierFormInput(tier, await adminLocale(req, services)), tier);
  });
}
