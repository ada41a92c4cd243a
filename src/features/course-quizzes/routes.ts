import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { forbidden, notFound } from '../../web/errors.js';
import type { MessageKey } from '../../web/messages.js';
import { sendPage } from '../../web/render.js';
import { lessonGate } from '../courses/access.js';
import { findLessonWithCourse } from '../courses/queries.js';
import { viewerOf } from '../courses/viewer.js';
import { loadLessonQuiz } from './queries.js';
import { parseAnswers } from './quiz-input.js';
import { type LessonQuizProps, QuizPage } from './student.js';
import { submitQuizAttempt } from './submit-attempt.js';

const studentParams = z.object({ lessonId: z.uuid() });

/** The lesson page of the courses feature, where the quiz is shown. */
export const lessonPagePath = (courseSlug: string, lessonSlug: string) => `/learn/${courseSlug}/${lessonSlug}`;

/** Quizzes: the student's page and submit (the creator's editor is in admin.routes.ts). */
export function registerCourseQuizRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  /** The lesson, its gate for this viewer, or the refusal (sign-in first, 403, 404). */
  const openLesson = async (req: FastifyRequest, reply: FastifyReply, lessonId: string) => {
    const [lesson, viewer] = await Promise.all([findLessonWithCourse(db, lessonId), viewerOf(req, services)]);
    if (!lesson) throw notFound('Lesson not found');
    const gate = await lessonGate(db, lessonId, viewer, new Date());
    if (gate.state === 'missing') throw notFound('Lesson not found');
    if (gate.state === 'denied' && viewer.email === null && !viewer.admin) {
      reply.redirect('/library', 303);
      return undefined;
    }
    if (gate.state !== 'open') throw forbidden(gate.state === 'locked' ? 'Lesson locked' : 'Not enrolled');
    return { lesson, enrolmentId: gate.enrolmentId, href: lessonPagePath(lesson.product_slug, lesson.slug) };
  };

  const showQuiz = async (
    req: FastifyRequest,
    reply: FastifyReply,
    open: NonNullable<Awaited<ReturnType<typeof openLesson>>>,
    extra: Pick<LessonQuizProps, 'retry' | 'error'> = {},
    status = 200,
  ) => {
    const quiz = await loadLessonQuiz(db, open.lesson.id, open.enrolmentId);
    if (!quiz) throw notFound('No quiz');
    const ctx = await pageContext(req, reply, services);
    const page = QuizPage({ ctx, quiz, lessonTitle: open.lesson.title, lessonHref: open.href, ...extra });
    return sendPage(reply.header('cache-control', 'private, no-store'), page, status);
  };

  app.get('/course-quizzes/:lessonId', { schema: { params: studentParams } }, async (req, reply) => {
    const open = await openLesson(req, reply, req.params.lessonId);
    if (!open) return reply;
    return showQuiz(req, reply, open);
  });

  app.post('/course-quizzes/:lessonId', { schema: { params: studentParams } }, async (req, reply) => {
    const open = await openLesson(req, reply, req.params.lessonId);
    if (!open) return reply;
    if (open.enrolmentId === null) throw forbidden('Not enrolled');
    const answers = parseAnswers(req.body);
    const result = await submitQuizAttempt(db, { lessonId: open.lesson.id, enrolmentId: open.enrolmentId, answers });
    if (result.kind === 'no-quiz') throw notFound('No quiz');
    if (result.kind === 'unanswered')
      return showQuiz(req, reply, open, { retry: { answers, unanswered: result.questionIds } }, 400);
    if (result.kind === 'no-attempts-left' || result.kind === 'passed-already') {
      const error: MessageKey =
        result.kind === 'passed-already'
          ? 'courseQuizzes.student.passedAlready'
          : 'courseQuizzes.student.noAttemptsLeft';
      return showQuiz(req, reply, open, { error }, 409);
    }
    return reply.redirect(`${open.href}#quiz`, 303);
  });
}
