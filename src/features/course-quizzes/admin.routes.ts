import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { requireAdmin } from '../auth/sessions.js';
import { QuizAdminPage, type QuizAdminState, quizAdminPath } from './admin.js';
import { loadLessonQuizAdmin } from './queries.js';
import { checkQuestionForm, checkSettingsForm, parseQuestionForm, parseSettingsForm } from './quiz-input.js';
import { addQuestion, deleteQuestion, moveQuestion, saveQuizSettings, updateQuestion } from './save-quiz.js';

const lessonParams = z.object({ id: z.uuid(), lessonId: z.uuid() });
const questionParams = lessonParams.extend({ questionId: z.uuid() });
const doneQuery = z.object({ done: z.enum(['saved', 'added', 'deleted']).optional().catch(undefined) });
const moveBody = z.object({ direction: z.enum(['up', 'down']).catch('up') });

/** Quizzes, the creator's editor (under the lesson editor's address). */
export function registerCourseQuizAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  /** The course (product) and lesson named in the address. */
  const whereOf = (p: { id: string; lessonId: string }) => ({ productId: p.id, lessonId: p.lessonId });

  const showAdmin = async (
    req: FastifyRequest,
    reply: FastifyReply,
    where: { productId: string; lessonId: string },
    state?: QuizAdminState,
    status = 200,
  ) => {
    const quiz = await loadLessonQuizAdmin(db, where.lessonId);
    if (!quiz || quiz.productId !== where.productId) throw notFound('Lesson not found');
    const ctx = await adminPageContext(req, reply, services);
    return sendPage(reply, QuizAdminPage({ ctx, quiz, state }), status);
  };
  const saved = (reply: FastifyReply, where: { productId: string; lessonId: string }, done: string, anchor = '') =>
    reply.redirect(`${quizAdminPath(where.productId, where.lessonId)}?done=${done}${anchor}`, 303);

  app.get(
    '/admin/courses/:id/lessons/:lessonId/quiz',
    { ...guard, schema: { params: lessonParams, querystring: doneQuery } },
    async (req, reply) => {
      const notice = req.query.done ? (`courseQuizzes.notice.${req.query.done}` as const) : undefined;
      return showAdmin(req, reply, whereOf(req.params), { notice });
    },
  );

  app.post(
    '/admin/courses/:id/lessons/:lessonId/quiz',
    { ...guard, schema: { params: lessonParams } },
    async (req, reply) => {
      const form = parseSettingsForm(req.body);
      const checked = checkSettingsForm(form);
      const where = whereOf(req.params);
      if (!checked.ok) return showAdmin(req, reply, where, { settings: { form, errors: checked.errors } }, 400);
      if ((await saveQuizSettings(db, { ...where, input: checked.input })) === 'not-found')
        throw notFound('Lesson not found');
      return saved(reply, where, 'saved');
    },
  );

  app.post(
    '/admin/courses/:id/lessons/:lessonId/quiz/questions',
    { ...guard, schema: { params: lessonParams } },
    async (req, reply) => {
      const form = parseQuestionForm(req.body);
      const checked = checkQuestionForm(form);
      const where = whereOf(req.params);
      if (!checked.ok)
        return showAdmin(req, reply, where, { question: { questionId: null, form, errors: checked.errors } }, 400);
      const result = await addQuestion(db, { ...where, input: checked.input });
      if (result.kind === 'not-found') throw notFound('Lesson not found');
      return saved(reply, where, 'added', `#question-${result.id}`);
    },
  );

  app.post(
    '/admin/courses/:id/lessons/:lessonId/quiz/questions/:questionId',
    { ...guard, schema: { params: questionParams } },
    async (req, reply) => {
      const { questionId } = req.params;
      const where = whereOf(req.params);
      const form = parseQuestionForm(req.body);
      const checked = checkQuestionForm(form);
      if (!checked.ok)
        return showAdmin(req, reply, where, { question: { questionId, form, errors: checked.errors } }, 400);
      if ((await updateQuestion(db, { ...where, questionId, input: checked.input })) === 'not-found')
        throw notFound('Question not found');
      return saved(reply, where, 'saved', `#question-${questionId}`);
    },
  );

  app.post(
    '/admin/courses/:id/lessons/:lessonId/quiz/questions/:questionId/delete',
    { ...guard, schema: { params: questionParams } },
    async (req, reply) => {
      const where = whereOf(req.params);
      if ((await deleteQuestion(db, { ...where, questionId: req.params.questionId })) === 'not-found')
        throw notFound('Question not found');
      return saved(reply, where, 'deleted');
    },
  );

  app.post(
    '/admin/courses/:id/lessons/:lessonId/quiz/questions/:questionId/move',
    { ...guard, schema: { params: questionParams } },
    async (req, reply) => {
      const { direction } = moveBody.parse(req.body ?? {});
      const where = whereOf(req.params);
      const { questionId } = req.params;
      if ((await moveQuestion(db, { ...where, questionId, direction })) === 'not-found')
        throw notFound('Question not found');
      return saved(reply, where, 'saved', `#question-${questionId}`);
    },
  );
}
