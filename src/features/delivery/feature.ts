import type { Feature } from '../feature.js';
import { downloadEntitlement } from './download-entitlement.js';
import { deliveryPrivacyPart } from './privacy-part.js';
import { registerDeliveryRoutes } from './routes.js';

export const deliveryFeature: Feature = {
  name: 'delivery',
  routes: registerDeliveryRoutes,
  entitlements: [downloadEntitlement],
  privacy: deliveryPrivacyPart,
};
