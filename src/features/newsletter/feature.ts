import type { Feature } from '../feature.js';
import { fanOutHandler } from './fan-out.job.js';
import { registerNewsletterRoutes } from './routes.js';
import { sendBatchHandler } from './send-batch.job.js';

export const newsletterFeature: Feature = {
  name: 'newsletter',
  routes: registerNewsletterRoutes,
  jobs: [fanOutHandler, sendBatchHandler],
};
