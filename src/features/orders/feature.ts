import type { Feature } from '../feature.js';
import { registerOrdersRoutes } from './routes.js';

export const ordersFeature: Feature = {
  name: 'orders',
  routes: registerOrdersRoutes,
};
