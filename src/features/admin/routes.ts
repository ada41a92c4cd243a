import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { adminPageContext } from './admin-context.js';
import { listAudit } from './audit.js';
import { AuditPage } from './audit.page.js';
import { DashboardPage } from './dashboard.page.js';
import { loadDashboard } from './dashboard-data.js';
import { loadSetupChecklist } from './setup-checklist.js';

export function registerAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin', guard, async (req, reply) => {
    const { currency } = await getStoreSettings(db);
    const data = await loadDashboard(db, currency, services.mailer.kind);
    const checklist = await loadSetupChecklist(services, data.publishedProducts);
    const ctx = await adminPageContext(req, reply, services);
    return sendPage(reply, DashboardPage({ ctx, data, checklist }));
  });

  app.get('/admin/audit', guard, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    return sendPage(reply, AuditPage({ ctx, rows: await listAudit(db) }));
  });
}
