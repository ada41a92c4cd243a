import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { forbidden, notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { lessonGate } from '../courses/access.js';
import { findLessonWithCourse } from '../courses/queries.js';
import { viewerOf } from '../courses/viewer.js';
import { askQuestion } from './ask-question.js';
import { deleteOwnQuestion } from './moderate-question.js';
import { lessonQuestionsHref } from './paths.js';
import { listLessonQuestions } from './queries.js';
import { QUESTION_MAX, QUESTIONS_PER_HOUR, readBody } from './question-input.js';
import { type LessonQuestionsProps, QuestionsPage } from './student.js';

const lessonParams = z.object({ lessonId: z.uuid() });
const ownParams = lessonParams.extend({ questionId: z.uuid() });

/** Questions under lessons: the student's asking and deleting (the creator's side is in admin.routes.ts). */
export function registerCourseQuestionRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const { publicUrl } = services.config;

  /**
   * The lesson and the viewer's enrolment, when the lesson is open to them
   * (`lessonGate`); the admin's preview reads (enrolment null). Visitors,
   * other customers and locked lessons are refused (403), unknown lessons 404.
   */
  const openLesson = async (req: FastifyRequest, lessonId: string) => {
    const [lesson, viewer] = await Promise.all([findLessonWithCourse(db, lessonId), viewerOf(req, services)]);
    if (!lesson) throw notFound('Lesson not found');
    const gate = await lessonGate(db, lessonId, viewer, new Date());
    if (gate.state === 'missing') throw notFound('Lesson not found');
    if (gate.state !== 'open') throw forbidden(gate.state === 'locked' ? 'Lesson locked' : 'Not enrolled');
    if (gate.enrolmentId === null && !viewer.admin) throw forbidden('Not enrolled');
    const href = (questionId?: string) => lessonQuestionsHref(lesson.product_slug, lesson.slug, questionId);
    return { lesson, enrolmentId: gate.enrolmentId, href };
  };
  type Open = Awaited<ReturnType<typeof openLesson>>;

  const showQuestions = async (
    req: FastifyRequest,
    reply: FastifyReply,
    open: Open,
    retry?: LessonQuestionsProps['retry'],
    status = 200,
  ) => {
    const [ctx, list] = await Promise.all([pageContext(req, reply, services), listLessonQuestions(db, open.lesson.id)]);
    const page = QuestionsPage({
      ctx,
      lessonId: open.lesson.id,
      ...list,
      enrolmentId: open.enrolmentId,
      retry,
      lessonTitle: open.lesson.title,
      lessonHref: open.href(),
    });
    return sendPage(reply.header('cache-control', 'private, no-store'), page, status);
  };

  app.get('/course-questions/:lessonId', { schema: { params: lessonParams } }, async (req, reply) => {
    return showQuestions(req, reply, await openLesson(req, req.params.lessonId));
  });

  app.post('/course-questions/:lessonId', { schema: { params: lessonParams } }, async (req, reply) => {
    const open = await openLesson(req, req.params.lessonId);
    if (open.enrolmentId === null) throw forbidden('Only enrolled students ask');
    const t = (await pageContext(req, reply, services)).t;
    const body = readBody(req.body, QUESTION_MAX);
    if (!body.ok)
      return showQuestions(
        req,
        reply,
        open,
        { typed: body.typed, error: t('courseQuestions.error.body', { max: QUESTION_MAX }) },
        400,
      );
    const result = await askQuestion(services.database, {
      lessonId: open.lesson.id,
      enrolmentId: open.enrolmentId,
      text: body.text,
      publicUrl,
    });
    if (result.kind === 'not-found') throw notFound('Lesson not found');
    if (result.kind === 'rate-limited')
      return showQuestions(
        req,
        reply,
        open,
        { typed: body.text, error: t('courseQuestions.error.rateLimit', { n: QUESTIONS_PER_HOUR }) },
        429,
      );
    services.nudgeWorker();
    return reply.redirect(open.href(result.id), 303);
  });

  app.post('/course-questions/:lessonId/:questionId/delete', { schema: { params: ownParams } }, async (req, reply) => {
    const open = await openLesson(req, req.params.lessonId);
    if (open.enrolmentId === null) throw forbidden('Only the student who asked deletes');
    const deleted = await deleteOwnQuestion(db, {
      questionId: req.params.questionId,
      lessonId: open.lesson.id,
      enrolmentId: open.enrolmentId,
    });
    if (!deleted) throw notFound('Question not found');
    return reply.redirect(open.href(), 303);
  });
}
