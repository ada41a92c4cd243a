import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerPrivacyRoutes } from '../privacy/routes.js';
import { registerLegalAdminRoutes } from './admin.routes.js';
import { rememberPublicUrl } from './email-footer.js';
import { registerProductLegalRoutes } from './product-legal.routes.js';
import { registerLegalPageRoutes } from './public.routes.js';
import { registerWithdrawalRoutes } from './withdrawal.routes.js';

/** Consumer law and privacy: the withdrawal button, the public legal pages and their admin, data export and erasure. */
export function registerLegalRoutes(app: FastifyInstance, services: Services): void {
  app.addHook('onReady', () => rememberPublicUrl(services.database.db, services.config.publicUrl));
  registerWithdrawalRoutes(app, services);
  registerLegalPageRoutes(app, services);
  registerLegalAdminRoutes(app, services);
  registerProductLegalRoutes(app, services);
  registerPrivacyRoutes(app, services);
}
