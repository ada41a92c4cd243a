import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerVideoAdminRoutes } from './admin.routes.js';
import { registerVideoStreamRoutes } from './stream.routes.js';
import { registerUploadRoutes } from './upload.routes.js';

export function registerCourseVideoRoutes(app: FastifyInstance, services: Services): void {
  registerUploadRoutes(app, services);
  registerVideoAdminRoutes(app, services);
  registerVideoStreamRoutes(app, services);
}
