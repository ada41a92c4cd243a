import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { localInputToUtc } from '../posts/local-time.js';
import { episodeParams, type Notice, noticeQuery, podcastEditors, showParams } from './admin-editor.js';
import {
  createEpisode,
  deleteDraftEpisode,
  publishEpisodeNow,
  saveEpisode,
  scheduleEpisode,
  unpublishEpisode,
} from './episode-edit.js';
import { EpisodeDeletePage } from './episode-editor.page.js';
import { checkEpisodeForm, readEpisodeForm } from './episode-input.js';

const scheduleForm = z.object({ publishAt: z.string().max(40).default('') });

/** Episodes in the admin: a new one, its editor, publication (now, scheduled, back to draft) and deleting a draft. */
export function registerEpisodeAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;
  const { showOr404, episodeOr404, renderShow, renderEpisode } = podcastEditors(services);
  const done = (reply: FastifyReply, p: { id: string; episodeId: string }, notice: Notice) =>
    reply.redirect(`/admin/podcasts/${p.id}/episodes/${p.episodeId}?done=${notice}`, 303);

  app.post('/admin/podcasts/:id/episodes', { ...guard, schema: { params: showParams } }, async (req, reply) => {
    await showOr404(req.params.id);
    const { title } = readEpisodeForm(req.body);
    const trimmed = title.trim();
    if (!trimmed || trimmed.length > 200) {
      const errors = { title: trimmed ? 'podcasts.admin.error.titleLong' : 'podcasts.admin.error.title' } as const;
      return renderShow(req, reply, req.params.id, { failed: { form: 'episode', values: { title }, errors } }, 400);
    }
    const episodeId = await createEpisode(db, req.params.id, trimmed, actor(req));
    return done(reply, { id: req.params.id, episodeId }, 'created');
  });

  app.get(
    '/admin/podcasts/:id/episodes/:episodeId',
    { ...guard, schema: { params: episodeParams, querystring: noticeQuery } },
    (req, reply) => renderEpisode(req, reply, req.params.id, req.params.episodeId, { notice: req.query.done }),
  );

  app.post(
    '/admin/podcasts/:id/episodes/:episodeId/details',
    { ...guard, schema: { params: episodeParams } },
    async (req, reply) => {
      const { id, episodeId } = req.params;
      await episodeOr404(id, episodeId);
      const form = readEpisodeForm(req.body);
      const checked = checkEpisodeForm(form);
      if (!checked.ok) {
        const params: Record<string, number> = checked.chapterError ? { line: checked.chapterError.line } : {};
        const failed = { form: 'details', values: form, errors: checked.errors, params };
        return renderEpisode(req, reply, id, episodeId, { failed }, 400);
      }
      await saveEpisode(db, id, episodeId, checked.value, actor(req));
      return done(reply, req.params, 'saved');
    },
  );

  const refusedPublish = (req: FastifyRequest, reply: FastifyReply, p: { id: string; episodeId: string }) =>
    renderEpisode(
      req,
      reply,
      p.id,
      p.episodeId,
      { failed: { form: 'publish', values: {}, errors: { audio: 'podcasts.admin.error.noAudio' } } },
      400,
    );

  app.post(
    '/admin/podcasts/:id/episodes/:episodeId/publish',
    { ...guard, schema: { params: episodeParams } },
    async (req, reply) => {
      const { id, episodeId } = req.params;
      await episodeOr404(id, episodeId);
      const r = await publishEpisodeNow(db, id, episodeId, actor(req));
      if (r === 'no-audio') return refusedPublish(req, reply, req.params);
      return done(reply, req.params, 'published');
    },
  );

  app.post(
    '/admin/podcasts/:id/episodes/:episodeId/schedule',
    { ...guard, schema: { params: episodeParams } },
    async (req, reply) => {
      const { id, episodeId } = req.params;
      await episodeOr404(id, episodeId);
      const { publishAt } = scheduleForm.parse(req.body ?? {});
      const ctx = await adminPageContext(req, reply, services);
      const at = localInputToUtc(publishAt, ctx.timeZone);
      if (!at || at.getTime() <= Date.now()) {
        const errors = { publishAt: at ? 'podcasts.admin.error.past' : 'podcasts.admin.error.time' } as const;
        return renderEpisode(
          req,
          reply,
          id,
          episodeId,
          { failed: { form: 'schedule', values: { publishAt }, errors } },
          400,
        );
      }
      const r = await scheduleEpisode(db, id, episodeId, at, actor(req));
      if (r === 'no-audio') return refusedPublish(req, reply, req.params);
      return done(reply, req.params, 'scheduled');
    },
  );

  app.post(
    '/admin/podcasts/:id/episodes/:episodeId/unpublish',
    { ...guard, schema: { params: episodeParams } },
    async (req, reply) => {
      const { id, episodeId } = req.params;
      await episodeOr404(id, episodeId);
      await unpublishEpisode(db, id, episodeId, actor(req));
      return done(reply, req.params, 'unpublished');
    },
  );

  app.get(
    '/admin/podcasts/:id/episodes/:episodeId/delete',
    { ...guard, schema: { params: episodeParams } },
    async (req, reply) => {
      const { show, episode } = await episodeOr404(req.params.id, req.params.episodeId);
      if (episode.status !== 'draft') return done(reply, req.params, 'saved');
      const ctx = await adminPageContext(req, reply, services);
      return sendPage(reply, EpisodeDeletePage({ ctx, show, episode }));
    },
  );

  app.post(
    '/admin/podcasts/:id/episodes/:episodeId/delete',
    { ...guard, schema: { params: episodeParams } },
    async (req, reply) => {
      const { id, episodeId } = req.params;
      await episodeOr404(id, episodeId);
      const deleted = await deleteDraftEpisode(db, services.storage, id, episodeId, actor(req));
      if (!deleted)
        return renderEpisode(
          req,
          reply,
          id,
          episodeId,
          { failed: { form: 'publish', values: {}, errors: { audio: 'podcasts.admin.error.notDraft' } } },
          400,
        );
      return reply.redirect(`/admin/podcasts/${id}?done=deleted`, 303);
    },
  );
}
