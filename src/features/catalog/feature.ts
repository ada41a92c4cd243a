import type { Feature } from '../feature.js';
import { addDemoProducts } from './demo-products.js';
import { catalogEmailTemplates } from './email-templates.js';
import { catalogMessages } from './messages.js';
import { notifyBuyersHandler } from './notify-buyers.job.js';
import { registerCatalogRoutes } from './routes.js';

export const catalogFeature: Feature = {
  name: 'catalog',
  messages: catalogMessages,
  emailTemplates: catalogEmailTemplates,
  demo: addDemoProducts,
  routes: registerCatalogRoutes,
  adminRoutes: async () => [
    (await import('./admin.routes.js')).registerProductAdminRoutes,
    (await import('./files.routes.js')).registerProductFileRoutes,
    (await import('./store-intro.routes.js')).registerStoreIntroRoutes,
  ],
  jobs: [notifyBuyersHandler],
  adminNav: [
    { href: '/admin/products', label: 'admin.nav.products', position: 20 },
    { href: '/admin/store', label: 'catalog.intro.nav', position: 25 },
  ],
};
