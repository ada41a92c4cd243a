import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/** The listener's subscribe page (app buttons, QR code, copy) and rotating their own feed. */
export function registerPodcastLibraryRoutes(_app: FastifyInstance, _services: Services): void {}
