import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { countJobsByStatus } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { requireAdmin } from '../auth/sessions.js';
import { adminPageContext } from './admin-context.js';
import { listAudit } from './audit.js';
import { AuditPage } from './audit.page.js';
import { DashboardPage } from './dashboard.page.js';

export function registerAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin', guard, async (req, reply) => {
    const [jobs, sent] = await Promise.all([
      countJobsByStatus(db),
      db
        .selectFrom('emails')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'sent')
        .executeTakeFirst(),
    ]);
    const ctx = await adminPageContext(req, reply, services);
    return sendPage(
      reply,
      DashboardPage({ ctx, data: { jobs, emailsSent: Number(sent?.n ?? 0), transport: services.mailer.kind } }),
    );
  });

  app.get('/admin/audit', guard, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    return sendPage(reply, AuditPage({ ctx, rows: await listAudit(db) }));
  });
}
