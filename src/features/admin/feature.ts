import type { Feature } from '../feature.js';
import { registerAdminRoutes } from './routes.js';

export const adminFeature: Feature = {
  name: 'admin',
  routes: registerAdminRoutes,
};
