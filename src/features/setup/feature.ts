import type { Feature } from '../feature.js';
import { setupMessages } from './messages.js';
import { registerSetupRoutes } from './routes.js';

export const setupFeature: Feature = {
  name: 'setup',
  messages: setupMessages,
  routes: registerSetupRoutes,
};
