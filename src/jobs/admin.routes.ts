import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminPageContext } from '../features/admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../features/auth/sessions.js';
import type { Services } from '../services.js';
import { sendPage } from '../web/render.js';
import { JobsPage, jobsUrl } from './jobs.page.js';
import { countJobsByStatus, JOB_STATUSES, listJobs } from './queue.js';
import { retryJob } from './retry-job.js';

// A bad filter or notice in a hand-edited URL shows the plain list instead of an error.
const listQuery = z.object({
  status: z.enum(JOB_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  notice: z.enum(['retried', 'not-found', 'not-dead']).optional().catch(undefined),
});
// Any id is accepted: an unknown one gets a clear notice rather than a validation error.
const idParams = z.object({ id: z.string().min(1).max(200) });
// Parsed in the handler, not as a route schema: the validated body would lose `_csrf` before the CSRF check.
const retryBody = z.object({ from: z.enum(JOB_STATUSES).optional().catch(undefined) }).catch({ from: undefined });

/** Admin view of the job queue: counts, failed (dead) jobs and a retry button. */
export function registerJobAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin/jobs', { ...guard, schema: { querystring: listQuery } }, async (req, reply) => {
    const { status, page, notice } = req.query;
    const [list, counts, ctx] = await Promise.all([
      listJobs(db, { status, page }),
      countJobsByStatus(db),
      adminPageContext(req, reply, services),
    ]);
    return sendPage(reply, JobsPage({ ctx, list, status, counts, notice }));
  });

  app.post('/admin/jobs/:id/retry', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const result = await retryJob(db, { id: req.params.id, actor: currentAdmin(req).user.email });
    if (result.kind === 'retried') services.nudgeWorker();
    const { from } = retryBody.parse(req.body);
    return reply.redirect(jobsUrl(from, { notice: result.kind }), 303);
  });
}
