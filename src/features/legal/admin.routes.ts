import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { LOCALES } from '../../web/i18n.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { ImpressumEditPage, LegalAdminPage, LegalEditPage } from './admin.pages.js';
import { loadLegalOverview } from './admin-overview.js';
import { readImpressum } from './impressum.js';
import { EDITABLE_PAGES, loadLegalPage, saveLegalPage } from './legal-pages.js';
import { saveImpressum } from './save-impressum.js';

const pageParams = z.object({ kind: z.enum(EDITABLE_PAGES as [string, ...string[]]), locale: z.enum(LOCALES) });
const pageBody = z.object({ body: z.string().max(100_000).default('') });

/** Admin → Legal: the overview, the legal notice form and the page editor. */
export function registerLegalAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin/legal', guard, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    return sendPage(reply, LegalAdminPage({ ctx, data: await loadLegalOverview(db) }));
  });

  app.get('/admin/legal/impressum', guard, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    return sendPage(reply, ImpressumEditPage({ ctx, values: await readImpressum(db) }));
  });

  app.post('/admin/legal/impressum', guard, async (req, reply) => {
    const result = await saveImpressum(db, (req.body ?? {}) as Record<string, unknown>, currentAdmin(req).user.email);
    if (result.ok) return reply.redirect('/admin/legal', 303);
    const ctx = await adminPageContext(req, reply, services);
    const errors = Object.fromEntries(
      Object.entries(result.errors).map(([k, v]) => [
        k,
        ctx.t(v === 'url' ? 'legal.impressum.error.url' : 'legal.impressum.error.email'),
      ]),
    );
    return sendPage(reply, ImpressumEditPage({ ctx, values: result.values, errors }), 400);
  });

  app.get('/admin/legal/pages/:kind/:locale', { ...guard, schema: { params: pageParams } }, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    const kind = req.params.kind as (typeof EDITABLE_PAGES)[number];
    const page = await loadLegalPage(db, kind, req.params.locale);
    return sendPage(
      reply,
      LegalEditPage({ ctx, kind, locale: req.params.locale, body: page.body, template: page.template }),
    );
  });

  app.post('/admin/legal/pages/:kind/:locale', { ...guard, schema: { params: pageParams } }, async (req, reply) => {
    const kind = req.params.kind as (typeof EDITABLE_PAGES)[number];
    const parsed = pageBody.safeParse(req.body ?? {});
    if (!parsed.success || !parsed.data.body.trim()) {
      const ctx = await adminPageContext(req, reply, services);
      const body =
        typeof (req.body as { body?: unknown })?.body === 'string'
          ? String((req.body as { body: string }).body).slice(0, 100_000)
          : '';
      return sendPage(
        reply,
        LegalEditPage({
          ctx,
          kind,
          locale: req.params.locale,
          body,
          template: false,
          error: ctx.t('legal.admin.error.body'),
        }),
        400,
      );
    }
    await saveLegalPage(db, {
      kind,
      locale: req.params.locale,
      body: parsed.data.body,
      actor: currentAdmin(req).user.email,
    });
    return reply.redirect('/admin/legal', 303);
  });
}
