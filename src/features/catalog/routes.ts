import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerProductAdminRoutes } from './admin.routes.js';
import { registerProductFileRoutes } from './files.routes.js';
import { registerStoreIntroRoutes } from './store-intro.routes.js';
import { registerStorefrontRoutes } from './storefront.routes.js';

export { renderStoreHome } from './store-home.js';

/** The catalogue: products and their files in the admin, product pages and covers in the store. */
export function registerCatalogRoutes(app: FastifyInstance, services: Services): void {
  registerProductAdminRoutes(app, services);
  registerProductFileRoutes(app, services);
  registerStorefrontRoutes(app, services);
  registerStoreIntroRoutes(app, services);
}
