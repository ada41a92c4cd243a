import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

export function registerLicenseAdminRoutes(_fastify: FastifyInstance, _services: Services): void {}
