import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerLicenseApiRoutes } from './api.routes.js';

/** Licence keys: the public API (the admin's pages: feature.ts). */
export function registerLicensingRoutes(app: FastifyInstance, services: Services): void {
  registerLicenseApiRoutes(app, services);
}
