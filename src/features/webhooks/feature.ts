import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { webhooksAdminMessages } from './admin-messages.js';
import { deliverWebhookHandler } from './deliver.job.js';
import { webhooksEmailTemplates } from './email-templates.js';
import { webhooksMessages } from './messages.js';
import { webhooksOrderSubscriber } from './order-subscriber.js';
import { webhooksPrivacyPart } from './privacy-part.js';

/** Outgoing webhooks: signed deliveries (Standard Webhooks) of the store's events to the creator's endpoints. */
export const webhooksFeature: Feature = {
  name: 'webhooks',
  messages: mergeMessageBundles(webhooksMessages, webhooksAdminMessages),
  emailTemplates: webhooksEmailTemplates,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerWebhookAdminRoutes],
  jobs: [deliverWebhookHandler],
  orders: webhooksOrderSubscriber,
  privacy: webhooksPrivacyPart,
  adminNav: [{ href: '/admin/webhooks', label: 'webhooks.nav', position: 95 }],
};
