import type { OrderSubscriber } from '../../order-core/events.js';
import { restoreCertificatesOfOrder, revokeCertificatesOfOrder } from './revoke.js';

/**
 * What orders do to certificates, inside the order's transition: a full
 * refund, a dispute (open or lost) and a carried-out withdrawal revoke the
 * certificates earned through the order; a won dispute restores those the
 * dispute revoked. A partial refund changes nothing.
 */
export const certificatesOrderSubscriber: OrderSubscriber = {
  within: {
    refunded: async (trx, e) => {
      await revokeCertificatesOfOrder(trx, e.order.id, 'refund', e.at);
    },
    disputed: async (trx, e) => {
      await revokeCertificatesOfOrder(trx, e.order.id, 'dispute', e.at);
    },
    'dispute-won': async (trx, e) => {
      await restoreCertificatesOfOrder(trx, e.order.id, 'dispute');
    },
    withdrawn: async (trx, e) => {
      await revokeCertificatesOfOrder(trx, e.order.id, 'withdrawal', new Date().toISOString());
    },
  },
};
