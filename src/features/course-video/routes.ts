import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerVideoStreamRoutes } from './stream.routes.js';

export function registerCourseVideoRoutes(app: FastifyInstance, services: Services): void {
  registerVideoStreamRoutes(app, services);
}
