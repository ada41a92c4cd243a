import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { noticeQuery, podcastEditors, showParams } from './admin-editor.js';
import { registerEpisodeAdminRoutes } from './admin-episodes.routes.js';
import { listShows, tiersToChoose } from './admin-queries.js';
import { ShowsListPage } from './admin-shows.page.js';
import { registerPodcastUploadRoutes } from './admin-uploads.routes.js';
import { registerSharingAlertRoutes } from './sharing-alerts.routes.js';
import { createShow, saveShow } from './show-edit.js';
import { checkShowForm, readShowForm } from './show-input.js';

/** The creator's pages: shows, episodes, downloads, sharing alerts. */
export function registerPodcastAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;
  const { showOr404, renderShow } = podcastEditors(services);

  app.get('/admin/podcasts', guard, async (req, reply) => {
    const [ctx, shows] = await Promise.all([adminPageContext(req, reply, services), listShows(db, new Date())]);
    return sendPage(reply, ShowsListPage({ ctx, shows }));
  });

  app.post('/admin/podcasts/new', guard, async (req, reply) => {
    const { title } = readShowForm(req.body);
    const trimmed = title.trim();
    if (!trimmed || trimmed.length > 200) {
      const [ctx, shows] = await Promise.all([adminPageContext(req, reply, services), listShows(db, new Date())]);
      const error = ctx.t(trimmed ? 'podcasts.admin.error.titleLong' : 'podcasts.admin.error.title');
      return sendPage(reply, ShowsListPage({ ctx, shows, error }), 400);
    }
    const id = await createShow(db, trimmed, actor(req));
    return reply.redirect(`/admin/podcasts/${id}?done=created`, 303);
  });

  app.get('/admin/podcasts/:id', { ...guard, schema: { params: showParams, querystring: noticeQuery } }, (req, reply) =>
    renderShow(req, reply, req.params.id, { notice: req.query.done }),
  );

  app.post('/admin/podcasts/:id/settings', { ...guard, schema: { params: showParams } }, async (req, reply) => {
    await showOr404(req.params.id);
    const form = readShowForm(req.body);
    const tiers = await tiersToChoose(db);
    const checked = checkShowForm(
      form,
      tiers.map((t) => t.id),
    );
    if (!checked.ok)
      return renderShow(
        req,
        reply,
        req.params.id,
        { failed: { form: 'settings', values: form, errors: checked.errors } },
        400,
      );
    await saveShow(db, req.params.id, checked.value, actor(req));
    return reply.redirect(`/admin/podcasts/${req.params.id}?done=saved`, 303);
  });

  registerEpisodeAdminRoutes(fastify, services);
  registerPodcastUploadRoutes(fastify, services);
  registerSharingAlertRoutes(fastify, services);
}
