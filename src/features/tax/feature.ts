import type { Feature } from '../feature.js';
import { taxMessages } from './messages.js';
import { taxPrivacyPart } from './privacy-part.js';

export const taxFeature: Feature = {
  name: 'tax',
  messages: taxMessages,
  adminRoutes: async () => [(await import('./routes.js')).registerTaxRoutes],
  adminNav: [{ href: '/admin/tax', label: 'tax.nav', position: 130 }],
  privacy: taxPrivacyPart,
};
