import { handleJob } from '../../jobs/define.js';
import { applyPaymentState } from './apply-payment-state.js';
import { syncOrderPaymentJob } from './job-contracts.js';
import { UnrelatedPaymentError } from './provider.js';
import { paymentProvider } from './providers.js';

/**
 * Looks one order up at its payment provider and converges it, without any
 * notification: used by reconciliation (a webhook that never came) and after
 * a refund whose result could not be read back at once, and for a paid
 * order's fee that was not known yet. A provider that is down fails the
 * attempt; the job runs again later.
 */
export const syncOrderPaymentHandler = handleJob(
  syncOrderPaymentJob,
  async ({ orderId, reason }, { db, services, log }) => {
    const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
    if (!order?.provider_ref || order.provider === 'free') return;
    const provider = await paymentProvider(services, order.provider);
    if (!provider) return;
    try {
      const state = await provider.fetchState(order.provider_ref);
      const result = await applyPaymentState(services, order.provider, state.checkoutRef ?? order.provider_ref, state, {
        via: reason,
      });
      if (result !== 'unchanged') log.info({ orderId, result }, 'order converged with its payment provider');
    } catch (err) {
      if (!(err instanceof UnrelatedPaymentError)) throw err;
      log.warn({ orderId }, 'the payment provider does not know this order as ours');
    }
  },
);
