import type { Feature } from '../feature.js';
import { registerSetupRoutes } from './routes.js';

export const setupFeature: Feature = {
  name: 'setup',
  routes: registerSetupRoutes,
};
