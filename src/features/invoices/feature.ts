import type { Feature } from '../feature.js';
import { issueCreditNoteHandler, issueInvoiceHandler } from './jobs.js';
import { invoicesMessages } from './messages.js';
import { invoiceOrderSubscriber } from './order-subscriber.js';
import { registerInvoicesRoutes } from './routes.js';

export const invoicesFeature: Feature = {
  name: 'invoices',
  messages: invoicesMessages,
  routes: registerInvoicesRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerInvoicesAdminRoutes],
  jobs: [issueInvoiceHandler, issueCreditNoteHandler],
  orders: invoiceOrderSubscriber,
  adminNav: [{ href: '/admin/invoices', label: 'invoices.nav', position: 120 }],
};
