import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerCancelContractsRoutes } from './cancel-contracts.routes.js';
import { registerPortalRoutes } from './portal.routes.js';
import { registerMembershipPublicRoutes } from './public.routes.js';

/** Memberships: the public page, subscription checkout and the member portal (the admin's: feature.ts). */
export function registerMembershipsRoutes(fastify: FastifyInstance, services: Services): void {
  registerMembershipPublicRoutes(fastify, services);
  registerPortalRoutes(fastify, services);
  registerCancelContractsRoutes(fastify, services);
}
