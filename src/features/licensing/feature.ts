import type { Feature } from '../feature.js';
import { licenseKeyEntitlement } from './license-key-entitlement.js';
import { registerLicensingRoutes } from './routes.js';

export const licensingFeature: Feature = {
  name: 'licensing',
  routes: registerLicensingRoutes,
  entitlements: [licenseKeyEntitlement],
  adminNav: [{ href: '/admin/licenses', label: 'licensing.nav', position: 100 }],
};
