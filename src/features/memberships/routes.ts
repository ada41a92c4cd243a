import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerTierAdminRoutes } from './admin.routes.js';
import { registerMembershipPublicRoutes } from './public.routes.js';

/** Memberships: tiers admin, the public page and subscription checkout. */
export function registerMembershipsRoutes(fastify: FastifyInstance, services: Services): void {
  registerTierAdminRoutes(fastify, services);
  registerMembershipPublicRoutes(fastify, services);
}
