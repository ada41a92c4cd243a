import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerLicenseAdminRoutes } from './admin.routes.js';
import { registerLicenseApiRoutes } from './api.routes.js';

/** Licence keys: the public API and the admin pages. */
export function registerLicensingRoutes(app: FastifyInstance, services: Services): void {
  registerLicenseApiRoutes(app, services);
  registerLicenseAdminRoutes(app, services);
}
