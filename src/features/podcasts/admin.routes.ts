import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/** The creator's pages: shows, episodes, downloads, sharing alerts. */
export function registerPodcastAdminRoutes(_app: FastifyInstance, _services: Services): void {}
