import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/** Admin outbox: list of messages with a rendered preview. */
export function registerEmailRoutes(_app: FastifyInstance, _services: Services): void {}
