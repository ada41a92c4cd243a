import type { Feature } from '../feature.js';
import { retentionSweepHandler } from './retention.job.js';
import { registerPrivacyRoutes } from './routes.js';

export const privacyFeature: Feature = {
  name: 'privacy',
  routes: registerPrivacyRoutes,
  jobs: [retentionSweepHandler],
};
