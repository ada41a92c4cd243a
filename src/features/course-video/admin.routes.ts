import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { formatFileSize } from '../../web/format.js';
import type { MessageKey } from '../../web/messages.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { requireAdmin } from '../auth/sessions.js';
import { acceptMultipartForms, readCapped, takeUpload } from '../catalog/multipart.js';
import { TooLargeError } from '../storage/storage.js';
import { CAPTION_LANGS, CAPTIONS_MAX_BYTES, saveCaptions } from './captions.js';
import { lessonAdminPath, VideoProblemPage } from './problem.page.js';
import { findLessonForVideo, findVideo } from './queries.js';
import { markRemoved } from './start-upload.js';
import { uploadWholeVideo } from './upload-whole.js';

const idParams = z.object({ id: z.uuid() });
const lessonField = z.object({ lessonId: z.uuid() });
const langField = z.object({ lang: z.enum(CAPTION_LANGS) });

/** The forms of the admin's video panel (they work without script) and the transcoding status as JSON. */
export function registerVideoAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const maxBytes = services.config.maxUploadBytes;

  const problem = async (
    req: FastifyRequest,
    reply: FastifyReply,
    key: MessageKey,
    back: string | undefined,
    max = maxBytes,
  ) => {
    const ctx = await adminPageContext(req, reply, services);
    const message = ctx.t(key, { max: formatFileSize(max, ctx.locale) });
    return sendPage(reply, VideoProblemPage({ ctx, message, back }), 400);
  };
  const backTo = async (videoId: string) => {
    const lesson = await db
      .selectFrom('course_lessons')
      .select(['id', 'product_id'])
      .where('video_id', '=', videoId)
      .executeTakeFirst();
    return lesson ? lessonAdminPath(lesson) : undefined;
  };

  app.get('/admin/courses/videos/:id/status', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const video = await findVideo(db, req.params.id);
    if (!video) throw notFound('No such video');
    return reply
      .header('cache-control', 'no-store')
      .send({ status: video.status, progress: video.progress, error: video.error });
  });

  app.post('/admin/courses/videos/:id/remove', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const back = await backTo(req.params.id);
    const removed = await db.transaction().execute((trx) => markRemoved(trx, req.params.id, new Date().toISOString()));
    if (removed) services.nudgeWorker();
    if (!back) return problem(req, reply, 'courseVideo.error.video-missing', undefined);
    return reply.redirect(back, 303);
  });

  fastify.register(async (scope) => {
    acceptMultipartForms(scope, maxBytes);
    const scoped = scope.withTypeProvider<ZodTypeProvider>();

    scoped.post('/admin/courses/videos/form-upload', guard, async (req, reply) => {
      const { fields, upload } = takeUpload(req);
      const lesson = lessonField.safeParse(fields).success
        ? await findLessonForVideo(db, fields.lessonId ?? '')
        : undefined;
      if (!lesson) return problem(req, reply, 'courseVideo.error.lesson-missing', undefined);
      if (!upload) return problem(req, reply, 'courseVideo.error.missing-file', lessonAdminPath(lesson));
      try {
        const result = await uploadWholeVideo(db, services.storage, {
          lessonId: lesson.id,
          fileName: upload.filename,
          body: upload.stream,
          maxBytes,
        });
        if (result.kind !== 'ok')
          return problem(req, reply, `courseVideo.error.${result.kind}`, lessonAdminPath(lesson));
      } catch (err) {
        if (!(err instanceof TooLargeError)) throw err;
        return problem(req, reply, 'courseVideo.error.too-large', lessonAdminPath(lesson));
      }
      services.nudgeWorker();
      return reply.redirect(lessonAdminPath(lesson), 303);
    });

    scoped.post(
      '/admin/courses/videos/:id/captions',
      { ...guard, schema: { params: idParams } },
      async (req, reply) => {
        const { fields, upload } = takeUpload(req);
        const back = await backTo(req.params.id);
        const lang = langField.safeParse(fields);
        if (!lang.success) return problem(req, reply, 'courseVideo.error.lang', back);
        if (!upload) return problem(req, reply, 'courseVideo.error.missing-file', back);
        const content = await readCapped(upload.stream, CAPTIONS_MAX_BYTES);
        if (!content) return problem(req, reply, 'courseVideo.error.too-large', back, CAPTIONS_MAX_BYTES);
        const result = await saveCaptions(db, services.storage, {
          videoId: req.params.id,
          lang: lang.data.lang,
          content,
        });
        if (result === 'missing') return problem(req, reply, 'courseVideo.error.video-missing', back);
        if (result === 'not-vtt') return problem(req, reply, 'courseVideo.error.not-vtt', back);
        return reply.redirect(back ?? '/admin', 303);
      },
    );
  });
}
