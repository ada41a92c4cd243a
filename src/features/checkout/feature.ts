import type { Feature } from '../feature.js';
import { checkoutEmailTemplates } from './email-templates.js';
import { expireOrderHandler } from './expire-order.job.js';
import { checkoutMessages } from './messages.js';
import { receiptOrderSubscriber } from './order-subscriber.js';
import { registerCheckoutRoutes } from './routes.js';
import { sendReceiptHandler } from './send-receipt.job.js';

export const checkoutFeature: Feature = {
  name: 'checkout',
  messages: checkoutMessages,
  emailTemplates: checkoutEmailTemplates,
  routes: registerCheckoutRoutes,
  jobs: [expireOrderHandler, sendReceiptHandler],
  orders: receiptOrderSubscriber,
};
