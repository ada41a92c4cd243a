import type { Feature } from '../feature.js';
import { downloadEntitlement } from './download-entitlement.js';
import { deliveryEmailTemplates } from './email-templates.js';
import { deliveryMessages } from './messages.js';
import { deliveryPrivacyPart } from './privacy-part.js';
import { registerDeliveryRoutes } from './routes.js';

export const deliveryFeature: Feature = {
  name: 'delivery',
  messages: deliveryMessages,
  emailTemplates: deliveryEmailTemplates,
  routes: registerDeliveryRoutes,
  entitlements: [downloadEntitlement],
  privacy: deliveryPrivacyPart,
};
