import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { recordAudit } from '../admin/audit.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { storeExportZip } from './archive.js';
import { StoreExportPage } from './export.page.js';
import { schemaVersionOf } from './schema-version.js';

/** The export page, and its button's POST that streams the ZIP (audited: who took everything, and when). */
export function registerStoreExportRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin/export', guard, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    return sendPage(reply, StoreExportPage({ ctx }));
  });

  app.post('/admin/export', guard, async (req, reply) => {
    const now = new Date();
    const [settings, schemaVersion] = await Promise.all([getStoreSettings(db), schemaVersionOf(db)]);
    await recordAudit(db, currentAdmin(req).user.email, 'store.exported');
    const zip = await storeExportZip(db, {
      exportedAt: now.toISOString(),
      storeName: settings.storeName,
      schemaVersion,
    });
    const day = now.toISOString().slice(0, 10);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="vielfach-export-${day}.zip"`)
      .header('cache-control', 'private, no-store')
      .send(zip);
  });
}
