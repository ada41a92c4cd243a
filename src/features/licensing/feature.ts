import type { Feature } from '../feature.js';
import { registerLicenseApiRoutes } from './api.routes.js';
import { addDemoLicensedProduct } from './demo.js';
import { licenseKeyEntitlement } from './license-key-entitlement.js';
import { licensingMessages } from './messages.js';
import { licensingPrivacyPart } from './privacy-part.js';

export const licensingFeature: Feature = {
  name: 'licensing',
  messages: licensingMessages,
  demo: addDemoLicensedProduct,
  routes: registerLicenseApiRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerLicenseAdminRoutes],
  entitlements: [licenseKeyEntitlement],
  adminNav: [{ href: '/admin/licenses', label: 'licensing.nav', position: 100 }],
  privacy: licensingPrivacyPart,
};
