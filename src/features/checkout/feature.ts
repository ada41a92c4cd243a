import type { Feature } from '../feature.js';
import { expireOrderHandler } from './expire-order.job.js';
import { receiptOrderSubscriber } from './order-subscriber.js';
import { registerCheckoutRoutes } from './routes.js';
import { sendReceiptHandler } from './send-receipt.job.js';

export const checkoutFeature: Feature = {
  name: 'checkout',
  routes: registerCheckoutRoutes,
  jobs: [expireOrderHandler, sendReceiptHandler],
  orders: receiptOrderSubscriber,
};
