import type { Feature } from '../feature.js';
import { registerTaxRoutes } from './routes.js';

export const taxFeature: Feature = {
  name: 'tax',
  routes: registerTaxRoutes,
};
