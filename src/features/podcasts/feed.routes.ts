import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/** Private and public feeds, their audio (HEAD, Range), chapters, transcripts and artwork. */
export function registerPodcastFeedRoutes(_app: FastifyInstance, _services: Services): void {}
