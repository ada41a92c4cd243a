import type { OrderSubscriber } from '../../order-core/events.js';
import { moveCountedTax } from './counted-tax.js';
import { syncOrderAnalytics } from './record-sale.js';

/**
 * The daily sums follow every change of money on an order, in its
 * transaction: a sale, a refund (full or partial), a fee booked later, a VAT
 * decision changed when the invoice was issued.
 */
export const analyticsOrderSubscriber: OrderSubscriber = {
  within: {
    paid: (trx, { order }) => syncOrderAnalytics(trx, order.id),
    refunded: (trx, { order }) => syncOrderAnalytics(trx, order.id),
    'partially-refunded': (trx, { order }) => syncOrderAnalytics(trx, order.id),
    'payment-details': (trx, { order }) => syncOrderAnalytics(trx, order.id),
    retaxed: moveCountedTax,
  },
};
