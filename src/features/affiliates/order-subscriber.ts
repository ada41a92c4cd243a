import type { OrderSubscriber } from '../../order-core/events.js';
import {
  recordSaleCommissions,
  restoreAfterDispute,
  reverseForDispute,
  reverseForPartialRefund,
  reverseForRefund,
} from './order-ledger.js';

/**
 * The ledger follows the order, inside the transition's transaction: a paid
 * order earns pending commissions, a refund or chargeback reverses them (or
 * claws back what was paid out), a won chargeback earns them again. Each
 * entry is unique per (line, kind, cause), so a repeated event adds nothing.
 */
export const affiliatesOrderSubscriber: OrderSubscriber = {
  within: {
    paid: async (trx, { order }) => {
      await recordSaleCommissions(trx, order, new Date());
    },
    refunded: async (trx, { order, at }) => {
      await reverseForRefund(trx, order, new Date(at));
    },
    'partially-refunded': async (trx, { order, refundedMinor }) => {
      await reverseForPartialRefund(trx, order, refundedMinor, new Date());
    },
    disputed: async (trx, { order, dispute, at }) => {
      await reverseForDispute(trx, order, dispute.id, new Date(at));
    },
    'dispute-won': async (trx, { order, dispute }) => {
      await restoreAfterDispute(trx, order, dispute.id, new Date());
    },
  },
};
