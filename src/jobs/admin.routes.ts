import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';

/** Admin view of the job queue: counts, failed (dead) jobs and a retry button. */
export function registerJobAdminRoutes(_app: FastifyInstance, _services: Services): void {}
