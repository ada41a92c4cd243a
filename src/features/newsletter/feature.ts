import type { Feature } from '../feature.js';
import { newsletterEmailTemplates } from './email-templates.js';
import { fanOutHandler } from './fan-out.job.js';
import { newsletterMessages } from './messages.js';
import { registerNewsletterRoutes } from './routes.js';
import { sendBatchHandler } from './send-batch.job.js';

export const newsletterFeature: Feature = {
  name: 'newsletter',
  messages: newsletterMessages,
  emailTemplates: newsletterEmailTemplates,
  routes: registerNewsletterRoutes,
  jobs: [fanOutHandler, sendBatchHandler],
};
