import type { Feature } from '../feature.js';
import { registerShellRoutes } from './routes.js';

export const shellFeature: Feature = {
  name: 'shell',
  routes: registerShellRoutes,
};
