import type { Feature } from '../feature.js';
import { legalEmailTemplates } from './email-templates.js';
import { legalMessages } from './messages.js';
import { legalPrivacyPart } from './privacy-part.js';
import { refundWithdrawnOrderHandler } from './refund-withdrawn-order.job.js';
import { registerLegalRoutes } from './routes.js';
import { withdrawalDeclaredHandler } from './withdrawal-declared.job.js';
import { withdrawnOrderGate } from './withdrawal-gate.js';

export const legalFeature: Feature = {
  name: 'legal',
  messages: legalMessages,
  emailTemplates: legalEmailTemplates,
  routes: registerLegalRoutes,
  adminRoutes: async () => [
    (await import('./admin.routes.js')).registerLegalAdminRoutes,
    (await import('./product-legal.routes.js')).registerProductLegalRoutes,
  ],
  jobs: [withdrawalDeclaredHandler, refundWithdrawnOrderHandler],
  fulfilmentGates: [withdrawnOrderGate],
  adminNav: [{ href: '/admin/legal', label: 'legal.nav', position: 160 }],
  privacy: legalPrivacyPart,
};
