import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { AppError, notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { CertificateLinks, findCertificateOfEnrolment } from '../certificates/student-links.js';
import { attachmentDisposition } from '../delivery/content-disposition.js';
import { activeEnrolment, curriculumOf, type LessonGate, lessonGate } from './access.js';
import { lessonsInOrder } from './curriculum.js';
import { isOpen } from './drip.js';
import { CourseOverviewPage, LessonLockedPage, LessonPage, lessonPath, NotEnrolledPage } from './learn.pages.js';
import { lessonSlots } from './lesson-slots.js';
import { completeLesson, openLesson, recordProgress } from './progress.js';
import { type CourseRow, findCourseBySlug, findLessonBySlug, findProgress, listAttachments } from './queries.js';
import { viewerOf } from './viewer.js';

const slug = z.string().min(1).max(200);
const courseParams = z.object({ course: slug });
const lessonParams = z.object({ course: slug, lesson: slug });
const fileParams = lessonParams.extend({ file: z.uuid() });
const doneQuery = z.object({ done: z.enum(['lesson']).optional().catch(undefined) });
const seconds = z.number().finite().min(0).max(86_400);
const progressBody = z.object({ position_seconds: seconds, duration_seconds: seconds, watched_seconds: seconds });

/** The student's side of a course: overview, lessons, progress reports, completion and attachments. */
export function registerLearnRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  const courseOf = async (req: FastifyRequest, courseSlug: string) => {
    const viewer = await viewerOf(req, services);
    const course = await findCourseBySlug(db, courseSlug, viewer.admin);
    if (!course) throw notFound('Course not found');
    return { viewer, course };
  };

  app.get('/learn/:course', { schema: { params: courseParams } }, async (req, reply) => {
    const { viewer, course } = await courseOf(req, req.params.course);
    const now = new Date();
    const ctx = await pageContext(req, reply, services);
    const enrolment = viewer.email ? await activeEnrolment(db, course, viewer.email, now) : undefined;
    if (!enrolment && !viewer.admin)
      return sendPage(reply, NotEnrolledPage({ ctx, course, signedIn: viewer.email !== null }), 403);
    const curriculum = await curriculumOf(db, course.product_id, enrolment ?? null, now);
    const lessons = lessonsInOrder(curriculum);
    const next = lessons.find((l) => !l.completed && isOpen(l.opening, now))?.lesson;
    const cert = enrolment ? await findCertificateOfEnrolment(db, enrolment.id) : undefined;
    const completed = enrolment?.completed_at != null;
    return sendPage(
      reply,
      CourseOverviewPage({
        ctx,
        course,
        curriculum,
        now,
        next,
        completed,
        extra: cert && CertificateLinks({ ctx, cert }),
      }),
    );
  });

  /** The lesson and the viewer's gate (404 when there is no such lesson). */
  const openLessonFor = async (req: FastifyRequest, params: z.infer<typeof lessonParams>) => {
    const { viewer, course } = await courseOf(req, params.course);
    const lesson = await findLessonBySlug(db, course.product_id, params.lesson);
    if (!lesson) throw notFound('Lesson not found');
    const now = new Date();
    const gate = await lessonGate(db, lesson.id, viewer, now);
    return { viewer, course, lesson, gate, now };
  };

  const refuse = async (
    req: FastifyRequest,
    reply: FastifyReply,
    course: CourseRow,
    gate: LessonGate,
    signedIn: boolean,
  ) => {
    if (gate.state === 'missing') throw notFound('Lesson not found');
    const ctx = await pageContext(req, reply, services);
    if (gate.state === 'locked') return sendPage(reply, LessonLockedPage({ ctx, course, opensAt: gate.opensAt }), 403);
    return sendPage(reply, NotEnrolledPage({ ctx, course, signedIn }), 403);
  };

  app.get(
    '/learn/:course/:lesson',
    { schema: { params: lessonParams, querystring: doneQuery } },
    async (req, reply) => {
      const { viewer, course, lesson, gate, now } = await openLessonFor(req, req.params);
      if (gate.state !== 'open') return refuse(req, reply, course, gate, viewer.email !== null);
      if (gate.enrolmentId) await openLesson(db, gate.enrolmentId, lesson.id, now);
      const enrolment = viewer.email ? await activeEnrolment(db, course, viewer.email, now) : undefined;
      const [ctx, curriculum, attachments, progress] = await Promise.all([
        pageContext(req, reply, services),
        curriculumOf(db, course.product_id, enrolment ?? null, now),
        listAttachments(db, lesson.id),
        gate.enrolmentId ? findProgress(db, gate.enrolmentId, lesson.id) : undefined,
      ]);
      const order = lessonsInOrder(curriculum).map((l) => l.lesson);
      const at = order.findIndex((l) => l.id === lesson.id);
      const slots = await lessonSlots(services, ctx, {
        lesson,
        enrolmentId: gate.enrolmentId,
        viewer,
        progress,
        base: lessonPath(course.slug, lesson.slug),
      });
      return sendPage(
        reply,
        LessonPage({
          ctx,
          course,
          lesson,
          curriculum,
          now,
          attachments,
          completed: progress?.completed_at != null,
          enrolmentId: gate.enrolmentId,
          adminPreview: viewer.admin && !gate.enrolmentId,
          previous: at > 0 ? order[at - 1] : undefined,
          next: at >= 0 ? order[at + 1] : undefined,
          ...slots,
          notice: req.query.done === 'lesson' ? ctx.t('courses.learn.lessonDone') : undefined,
        }),
      );
    },
  );

  app.post('/learn/:course/:lesson/progress', { schema: { params: lessonParams } }, async (req, reply) => {
    const { lesson, gate, now } = await openLessonFor(req, req.params);
    if (gate.state !== 'open' || !gate.enrolmentId)
      throw new AppError('forbidden', 403, 'Not enrolled, or the lesson is not open');
    const parsed = progressBody.safeParse(req.body);
    if (!parsed.success)
      throw new AppError(
        'invalid_progress',
        422,
        'position_seconds, duration_seconds and watched_seconds are seconds (0–86400)',
      );
    const r = parsed.data;
    const completed = await db.transaction().execute((trx) =>
      recordProgress(
        trx,
        gate.enrolmentId as string,
        lesson,
        {
          positionSeconds: r.position_seconds,
          durationSeconds: r.duration_seconds,
          watchedSeconds: r.watched_seconds,
        },
        now,
      ),
    );
    return reply.send({ completed });
  });

  app.post('/learn/:course/:lesson/complete', { schema: { params: lessonParams } }, async (req, reply) => {
    const { viewer, course, lesson, gate, now } = await openLessonFor(req, req.params);
    if (gate.state !== 'open' || !gate.enrolmentId) return refuse(req, reply, course, gate, viewer.email !== null);
    if (lesson.completion !== 'view')
      throw new AppError('quiz_required', 409, 'This lesson is completed by passing its quiz');
    const enrolmentId = gate.enrolmentId;
    await db.transaction().execute((trx) => completeLesson(trx, enrolmentId, lesson.id, now));
    return reply.redirect(`${lessonPath(course.slug, lesson.slug)}?done=lesson`, 303);
  });

  app.get('/learn/:course/:lesson/files/:file', { schema: { params: fileParams } }, async (req, reply) => {
    const { viewer, course, lesson, gate } = await openLessonFor(req, req.params);
    if (gate.state !== 'open') return refuse(req, reply, course, gate, viewer.email !== null);
    const file = (await listAttachments(db, lesson.id)).find((a) => a.id === req.params.file);
    if (!file) throw notFound('File not found');
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', attachmentDisposition(file.file_name))
      .header('content-length', file.size_bytes)
      .header('cache-control', 'private, no-store')
      .send(services.storage.read(file.storage_key));
  });
}
