import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerStorefrontRoutes } from './storefront.routes.js';

export { renderStoreHome } from './store-home.js';

/** The catalogue in the store: product pages and covers (the admin's products, files and store intro: feature.ts). */
export function registerCatalogRoutes(app: FastifyInstance, services: Services): void {
  registerStorefrontRoutes(app, services);
}
