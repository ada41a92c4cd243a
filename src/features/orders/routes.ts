import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerCustomerPages } from './customers.routes.js';
import { registerOrderPages } from './orders.routes.js';

/** The admin's orders and customers. */
export function registerOrdersRoutes(app: FastifyInstance, services: Services): void {
  registerOrderPages(app, services);
  registerCustomerPages(app, services);
}
