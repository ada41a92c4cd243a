import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerLegalAdminRoutes } from './admin.routes.js';
import { rememberPublicUrl } from './email-footer.js';
import { registerProductLegalRoutes } from './product-legal.routes.js';
import { registerLegalPageRoutes } from './public.routes.js';
import { registerWithdrawalRoutes } from './withdrawal.routes.js';

/** Consumer law: the withdrawal button, the public legal pages and their admin (privacy registers its own). */
export function registerLegalRoutes(app: FastifyInstance, services: Services): void {
  app.addHook('onReady', () => rememberPublicUrl(services.database.db, services.config.publicUrl));
  registerWithdrawalRoutes(app, services);
  registerLegalPageRoutes(app, services);
  registerLegalAdminRoutes(app, services);
  registerProductLegalRoutes(app, services);
}
