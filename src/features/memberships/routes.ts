import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerTierAdminRoutes } from './admin.routes.js';
import { registerCancelContractsRoutes } from './cancel-contracts.routes.js';
import { registerMembersAdminRoutes } from './members.routes.js';
import { registerPortalRoutes } from './portal.routes.js';
import { registerMembershipPublicRoutes } from './public.routes.js';

/** Memberships: tiers admin, the public page, subscription checkout and the member portal. */
export function registerMembershipsRoutes(fastify: FastifyInstance, services: Services): void {
  registerTierAdminRoutes(fastify, services);
  registerMembershipPublicRoutes(fastify, services);
  registerPortalRoutes(fastify, services);
  registerCancelContractsRoutes(fastify, services);
  registerMembersAdminRoutes(fastify, services);
}
