import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerPostAdminRoutes } from './admin.routes.js';
import { registerPostPublicRoutes } from './public.routes.js';

export function registerPostsRoutes(app: FastifyInstance, services: Services): void {
  registerPostAdminRoutes(app, services);
  registerPostPublicRoutes(app, services);
}
