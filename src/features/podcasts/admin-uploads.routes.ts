import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import type { MessageKey } from '../../web/messages.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { acceptMultipartForms, readCapped, takeUpload } from '../catalog/multipart.js';
import { episodeParams, podcastEditors, showParams } from './admin-editor.js';
import { ARTWORK_MAX_BYTES } from './artwork.js';
import { AUDIO_MAX_BYTES, uploadEpisodeAudio } from './audio-upload.js';
import { replaceTranscript, TRANSCRIPT_MAX_BYTES } from './episode-transcript.js';
import { replaceArtwork } from './show-edit.js';

/**
 * The creator's uploads (multipart, in their own scope): show artwork, an
 * episode's audio (streamed to storage, up to 1 GiB) and its transcript.
 */
export function registerPodcastUploadRoutes(fastify: FastifyInstance, services: Services): void {
  fastify.register(async (scoped) => {
    acceptMultipartForms(scoped, AUDIO_MAX_BYTES);
    const app = scoped.withTypeProvider<ZodTypeProvider>();
    const { db } = services.database;
    const guard = { preHandler: requireAdmin(services) };
    const actor = (req: FastifyRequest) => currentAdmin(req).user.email;
    const { showOr404, episodeOr404, renderShow, renderEpisode } = podcastEditors(services);

    const refuseShow = (req: FastifyRequest, reply: FastifyReply, id: string, error: MessageKey) =>
      renderShow(req, reply, id, { failed: { form: 'artwork', values: {}, errors: { artwork: error } } }, 400);

    app.post('/admin/podcasts/:id/artwork', { ...guard, schema: { params: showParams } }, async (req, reply) => {
      const { id } = req.params;
      await showOr404(id);
      const { upload } = takeUpload(req);
      if (!upload) return refuseShow(req, reply, id, 'podcasts.admin.error.noFile');
      const bytes = await readCapped(upload.stream, ARTWORK_MAX_BYTES);
      if (!bytes) return refuseShow(req, reply, id, 'podcasts.admin.error.artworkLarge');
      const r = await replaceArtwork(db, services.storage, id, bytes, actor(req));
      if (!r.ok) return refuseShow(req, reply, id, `podcasts.admin.error.artwork.${r.error}`);
      return reply.redirect(`/admin/podcasts/${id}?done=artwork`, 303);
    });

    const refuseEpisode = (
      req: FastifyRequest,
      reply: FastifyReply,
      p: { id: string; episodeId: string },
      form: 'audio' | 'transcript',
      error: MessageKey,
    ) => renderEpisode(req, reply, p.id, p.episodeId, { failed: { form, values: {}, errors: { [form]: error } } }, 400);

    app.post(
      '/admin/podcasts/:id/episodes/:episodeId/audio',
      { ...guard, schema: { params: episodeParams } },
      async (req, reply) => {
        const { id, episodeId } = req.params;
        await episodeOr404(id, episodeId);
        const { upload } = takeUpload(req);
        if (!upload) return refuseEpisode(req, reply, req.params, 'audio', 'podcasts.admin.error.noFile');
        const r = await uploadEpisodeAudio({
          db,
          storage: services.storage,
          showId: id,
          episodeId,
          stream: upload.stream,
          actor: actor(req),
        });
        if (r === 'empty') return refuseEpisode(req, reply, req.params, 'audio', 'podcasts.admin.error.noFile');
        if (r === 'not-audio') return refuseEpisode(req, reply, req.params, 'audio', 'podcasts.admin.error.notAudio');
        if (r === 'too-large') return refuseEpisode(req, reply, req.params, 'audio', 'podcasts.admin.error.audioLarge');
        services.nudgeWorker();
        return reply.redirect(`/admin/podcasts/${id}/episodes/${episodeId}?done=audio`, 303);
      },
    );

    app.post(
      '/admin/podcasts/:id/episodes/:episodeId/transcript',
      { ...guard, schema: { params: episodeParams } },
      async (req, reply) => {
        const { id, episodeId } = req.params;
        await episodeOr404(id, episodeId);
        const { upload } = takeUpload(req);
        if (!upload) return refuseEpisode(req, reply, req.params, 'transcript', 'podcasts.admin.error.noFile');
        const bytes = await readCapped(upload.stream, TRANSCRIPT_MAX_BYTES);
        if (!bytes) return refuseEpisode(req, reply, req.params, 'transcript', 'podcasts.admin.error.transcriptLarge');
        const r = await replaceTranscript({
          db,
          storage: services.storage,
          showId: id,
          episodeId,
          bytes,
          actor: actor(req),
        });
        if (r === 'not-transcript')
          return refuseEpisode(req, reply, req.params, 'transcript', 'podcasts.admin.error.notTranscript');
        return reply.redirect(`/admin/podcasts/${id}/episodes/${episodeId}?done=transcript`, 303);
      },
    );
  });
}
