import type { Feature } from '../feature.js';
import { paymentsMessages } from './messages.js';
import { paymentsPrivacyPart } from './privacy-part.js';
import { processPaymentEventHandler } from './process-payment-event.job.js';
import { reconcilePaymentsHandler } from './reconcile-payments.job.js';
import { registerPaymentsRoutes } from './routes.js';
import { syncOrderPaymentHandler } from './sync-order-payment.job.js';
import { testNotifyHandler } from './test-notify.job.js';

export const paymentsFeature: Feature = {
  name: 'payments',
  messages: paymentsMessages,
  routes: registerPaymentsRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerPaymentsAdminRoutes],
  jobs: [processPaymentEventHandler, testNotifyHandler, syncOrderPaymentHandler, reconcilePaymentsHandler],
  adminNav: [{ href: '/admin/payments', label: 'payments.nav', position: 110 }],
  privacy: paymentsPrivacyPart,
};
