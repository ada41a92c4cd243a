import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { isTestMode } from '../payments/providers.js';
import { ApiTokensPage, NewTokenPage } from './admin.page.js';
import { checkTokenForm, readTokenForm } from './token-input.js';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.js';

const tokenParams = z.object({ id: z.string().min(1).max(100) });
const noticeQuery = z.object({ done: z.enum(['revoked']).optional() });

/** The admin's API tokens: list, create (the secret shown once), revoke. */
export function registerApiTokenAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin/api-tokens', { ...guard, schema: { querystring: noticeQuery } }, async (req, reply) => {
    const [ctx, tokens] = await Promise.all([adminPageContext(req, reply, services), listApiTokens(db)]);
    const notice = req.query.done ? ctx.t('api.admin.notice.revoked') : undefined;
    return sendPage(reply, ApiTokensPage({ ctx, tokens, notice }));
  });

  app.post('/admin/api-tokens', guard, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    const form = readTokenForm(req.body);
    const checked = checkTokenForm(form, ctx.timeZone);
    if (!checked.ok) {
      const tokens = await listApiTokens(db);
      return sendPage(reply, ApiTokensPage({ ctx, tokens, form, errors: checked.errors }), 400);
    }
    const { token } = await createApiToken(db, {
      name: checked.name,
      scopes: checked.scopes,
      expiresAt: checked.expiresAt,
      testMode: await isTestMode(services),
      actor: currentAdmin(req).user.email,
    });
    // The one answer that holds the secret: never kept by a cache or the browser's history.
    reply.header('cache-control', 'no-store');
    return sendPage(reply, NewTokenPage({ ctx, name: checked.name, token }));
  });

  app.post('/admin/api-tokens/:id/revoke', { ...guard, schema: { params: tokenParams } }, async (req, reply) => {
    const exists = await db.selectFrom('api_tokens').select('id').where('id', '=', req.params.id).executeTakeFirst();
    if (!exists) throw notFound('Token not found');
    await revokeApiToken(db, req.params.id, currentAdmin(req).user.email);
    return reply.redirect('/admin/api-tokens?done=revoked', 303);
  });
}
