import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { AdminQuestionsPage, type AnswerRetry } from './admin.page.js';
import { answerQuestion } from './answer-question.js';
import { deleteQuestion, setQuestionStatus } from './moderate-question.js';
import { adminQuestionsPath } from './paths.js';
import { listAdminQuestions } from './queries.js';
import { ANSWER_MAX, readBody } from './question-input.js';

const questionParams = z.object({ id: z.uuid() });
const doneQuery = z.object({
  done: z.enum(['answered', 'hidden', 'shown', 'deleted']).optional().catch(undefined),
});

/** Questions under lessons, the creator's side: the list, answers and moderation. */
export function registerCourseQuestionAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const { publicUrl } = services.config;
  const guard = { preHandler: requireAdmin(services) };

  const showAdmin = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; retry?: AnswerRetry },
    status = 200,
  ) => {
    const [ctx, list] = await Promise.all([adminPageContext(req, reply, services), listAdminQuestions(db)]);
    return sendPage(reply, AdminQuestionsPage({ ctx, ...list, ...extra }), status);
  };
  const done = (reply: FastifyReply, what: string, anchor = '') =>
    reply.redirect(`${adminQuestionsPath}?done=${what}${anchor}`, 303);
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;

  app.get(adminQuestionsPath, { ...guard, schema: { querystring: doneQuery } }, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    const notice = req.query.done ? ctx.t(`courseQuestions.notice.${req.query.done}`) : undefined;
    return showAdmin(req, reply, { ...(notice ? { notice } : {}) });
  });

  app.post(`${adminQuestionsPath}/:id/answer`, { ...guard, schema: { params: questionParams } }, async (req, reply) => {
    const body = readBody(req.body, ANSWER_MAX);
    if (!body.ok) {
      const ctx = await adminPageContext(req, reply, services);
      const error = ctx.t('courseQuestions.error.answer', { max: ANSWER_MAX });
      return showAdmin(req, reply, { retry: { questionId: req.params.id, typed: body.typed, error } }, 400);
    }
    const result = await answerQuestion(db, {
      questionId: req.params.id,
      text: body.text,
      actor: actor(req),
      publicUrl,
    });
    if (result.kind === 'not-found') throw notFound('Question not found');
    services.nudgeWorker();
    return done(reply, 'answered', `#question-${req.params.id}`);
  });

  for (const [action, status, notice] of [
    ['hide', 'hidden', 'hidden'],
    ['unhide', 'visible', 'shown'],
  ] as const) {
    app.post(
      `${adminQuestionsPath}/:id/${action}`,
      { ...guard, schema: { params: questionParams } },
      async (req, reply) => {
        if (!(await setQuestionStatus(db, { questionId: req.params.id, status, actor: actor(req) })))
          throw notFound('Question not found');
        return done(reply, notice, `#question-${req.params.id}`);
      },
    );
  }

  app.post(`${adminQuestionsPath}/:id/delete`, { ...guard, schema: { params: questionParams } }, async (req, reply) => {
    if (!(await deleteQuestion(db, { questionId: req.params.id, actor: actor(req) })))
      throw notFound('Question not found');
    return done(reply, 'deleted');
  });
}
