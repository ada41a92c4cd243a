import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { rememberPublicUrl } from './email-footer.js';
import { registerLegalPageRoutes } from './public.routes.js';
import { registerWithdrawalRoutes } from './withdrawal.routes.js';

/** Consumer law: the withdrawal button and the public legal pages (their admin: feature.ts). */
export function registerLegalRoutes(app: FastifyInstance, services: Services): void {
  app.addHook('onReady', () => rememberPublicUrl(services.database.db, services.config.publicUrl));
  registerWithdrawalRoutes(app, services);
  registerLegalPageRoutes(app, services);
}
