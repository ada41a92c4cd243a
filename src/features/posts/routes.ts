import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerPostPublicRoutes } from './public.routes.js';

export function registerPostsRoutes(app: FastifyInstance, services: Services): void {
  registerPostPublicRoutes(app, services);
}
