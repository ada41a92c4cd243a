import type { Transaction } from 'kysely';
import type { DB, Order, OrderStatus } from '../db/schema.js';
import { isoNow } from '../db/time.js';
import { enqueueJob } from '../jobs/queue.js';
import { saveDispute } from './disputes.js';
import type { Entitlement, FulfilmentGate } from './entitlements.js';
import type { DisputeReport, OrderEvent, OrderEventOf, OrderEventType, OrderSubscriber, TaxedItem } from './events.js';
import { fulfilOrderJob } from './job-contracts.js';
import { AWAITING_PAYMENT, sourcesOf } from './status.js';
import { recordOrderEvent } from './timeline.js';

/** What the features plug into the core (collected from the feature list, see `features/index.ts`). */
export type OrderCoreParts = {
  subscribers: readonly OrderSubscriber[];
  entitlements: readonly Entitlement[];
  gates: readonly FulfilmentGate[];
};

type Detail = Record<string, unknown>;

/**
 * The order state machine and the only writes to `orders` status. Every
 * transition is a guarded UPDATE (false when another path got there first),
 * so each event below is emitted at most once per order, whatever arrives twice.
 */
export type OrderCore = ReturnType<typeof createOrderCore>;

export function createOrderCore(parts: OrderCoreParts) {
  const emit = async (trx: Transaction<DB>, event: OrderEvent) => {
    for (const s of parts.subscribers) {
      const within = s.within?.[event.type] as ((t: Transaction<DB>, e: OrderEvent) => Promise<void>) | undefined;
      if (within) await within(trx, event);
    }
    for (const s of parts.subscribers) {
      const after = s.after?.[event.type] as ((e: OrderEvent) => ReturnType<AfterFn>) | undefined;
      const job = after?.(event);
      if (job) await enqueueJob(trx, job.contract, job.payload, { uniqueKey: job.uniqueKey });
    }
  };

  const revokeAll = async (trx: Transaction<DB>, order: Order, reason: 'refund' | 'dispute') => {
    const at = isoNow();
    for (const e of parts.entitlements) await e.revoke(trx, { order, reason, at });
    return at;
  };

  const core = {
    parts,
    emit,

    /**
     * The one place an order becomes paid, from a state a payment may still arrive in.
     * Fulfilment is enqueued with it (`fulfil:<order>`).
     */
    async markPaid(trx: Transaction<DB>, order: Order, detail: Detail): Promise<boolean> {
      if (!(await transition(trx, order.id, 'paid', { paid_at: isoNow() }, AWAITING_PAYMENT))) return false;
      await recordOrderEvent(trx, order.id, 'paid', detail);
      await emit(trx, { type: 'paid', order, detail });
      await enqueueJob(trx, fulfilOrderJob, { orderId: order.id }, { uniqueKey: `fulfil:${order.id}` });
      return true;
    },

    async markFailed(trx: Transaction<DB>, orderId: string, reason: string): Promise<boolean> {
      if (!(await transition(trx, orderId, 'failed'))) return false;
      await recordOrderEvent(trx, orderId, 'payment_failed', { reason });
      await emit(trx, { type: 'failed', orderId, reason });
      return true;
    },

    /** An unpaid order runs out. */
    async expire(trx: Transaction<DB>, order: Order): Promise<boolean> {
      if (!(await transition(trx, order.id, 'expired'))) return false;
      await recordOrderEvent(trx, order.id, 'expired');
      await emit(trx, { type: 'expired', order });
      return true;
    },

    /** A full refund (of a paid or disputed order): every entitlement ends with it. */
    async markRefunded(trx: Transaction<DB>, order: Order, detail: Detail): Promise<boolean> {
      const now = isoNow();
      if (!(await transition(trx, order.id, 'refunded', { refunded_at: now, refunded_minor: order.total_minor })))
        return false;
      const at = await revokeAll(trx, order, 'refund');
      await recordOrderEvent(trx, order.id, 'refunded', detail);
      await recordOrderEvent(trx, order.id, 'access_revoked');
      await emit(trx, { type: 'refunded', order, at });
      return true;
    },

    /**
     * Part of the payment went back: the buyer keeps access. `refundedMinor` is
     * the provider's running total, so the recorded amount only grows and a
     * repeated or late report changes nothing.
     */
    async recordPartialRefund(
      trx: Transaction<DB>,
      order: Order,
      refundedMinor: number,
      detail: Detail,
    ): Promise<boolean> {
      const r = await trx
        .updateTable('orders')
        .set({ refunded_minor: refundedMinor, updated_at: isoNow() })
        .where('id', '=', order.id)
        .where('status', 'in', ['paid', 'disputed'])
        .where('refunded_minor', '<', refundedMinor)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await recordOrderEvent(trx, order.id, 'partially_refunded', {
        ...detail,
        amountMinor: refundedMinor - order.refunded_minor,
        refundedMinor,
      });
      await emit(trx, { type: 'partially-refunded', order, refundedMinor });
      return true;
    },

    /** A chargeback opened (or lost) on a paid order: access ends until the dispute is won. */
    async markDisputed(trx: Transaction<DB>, order: Order, provider: string, dispute: DisputeReport) {
      if (!(await transition(trx, order.id, 'disputed', {}, ['paid']))) return false;
      const at = await revokeAll(trx, order, 'dispute');
      await saveDispute(trx, order, provider, dispute, at);
      const facts = { dispute: dispute.id, reason: dispute.reason, amountMinor: dispute.amountMinor };
      await recordOrderEvent(trx, order.id, 'disputed', { ...facts, status: dispute.status });
      await recordOrderEvent(trx, order.id, 'access_revoked');
      await emit(trx, { type: 'disputed', order, dispute, at });
      return true;
    },

    /** A dispute closed in the seller's favour: the order is paid again and gets back what the dispute took. */
    async markDisputeWon(trx: Transaction<DB>, order: Order, provider: string, dispute: DisputeReport) {
      const record = await trx
        .selectFrom('order_disputes')
        .select('access_revoked_at')
        .where('order_id', '=', order.id)
        .executeTakeFirst();
      if (!(await transition(trx, order.id, 'paid', {}, ['disputed']))) return false;
      await saveDispute(trx, order, provider, dispute);
      const revokedAt = record?.access_revoked_at;
      if (revokedAt) for (const e of parts.entitlements) await e.restore(trx, { order, reason: 'dispute', revokedAt });
      await recordOrderEvent(trx, order.id, 'dispute_won', { dispute: dispute.id });
      await recordOrderEvent(trx, order.id, 'access_restored');
      await emit(trx, { type: 'dispute-won', order, dispute });
      return true;
    },

    /** Any other news about a dispute (lost, or closed before we saw it open): recorded once, access unchanged. */
    async recordDisputeStatus(trx: Transaction<DB>, order: Order, provider: string, dispute: DisputeReport) {
      if (!(await saveDispute(trx, order, provider, dispute))) return false;
      const kind =
        dispute.status === 'lost' ? 'dispute_lost' : dispute.status === 'won' ? 'dispute_won' : 'dispute_updated';
      await recordOrderEvent(trx, order.id, kind, { dispute: dispute.id, amountMinor: dispute.amountMinor });
      return true;
    },

    /** The buyer withdrew (recorded once by the caller's guard): an unpaid order ends; a paid one is refunded by the caller. */
    async recordWithdrawal(trx: Transaction<DB>, order: Order, detail: Detail): Promise<void> {
      await recordOrderEvent(trx, order.id, 'withdrawn', detail);
      await emit(trx, { type: 'withdrawn', order });
      if (order.status === 'pending') await core.expire(trx, order);
    },

    /** The payment's details arrived after the sale was counted (a fee booked later). */
    async paymentDetailsChanged(trx: Transaction<DB>, order: Order): Promise<void> {
      await emit(trx, { type: 'payment-details', order });
    },

    /**
     * Brings an order in line with the VAT decision its invoice was issued
     * with, when a turnover limit crossed meanwhile changed it: the order's
     * tax columns, each item's VAT and a timeline entry; subscribers move what
     * they counted. Runs inside the invoice's transaction.
     */
    async retax(trx: Transaction<DB>, order: Order, change: TaxChange): Promise<void> {
      await trx
        .updateTable('orders')
        .set({
          tax_mode: change.mode,
          tax_scheme: change.scheme,
          tax_country: change.taxCountry,
          tax_rate_bp: change.rateBp,
          tax_minor: change.taxMinor,
        })
        .where('id', '=', order.id)
        .execute();
      for (const [n, item] of change.items.entries())
        await trx
          .updateTable('order_items')
          .set({ tax_minor: change.itemTaxMinor[n] ?? 0 })
          .where('id', '=', item.id)
          .execute();
      await recordOrderEvent(trx, order.id, 'tax_changed', {
        from: order.tax_scheme ?? '',
        to: change.scheme,
        taxMinor: change.taxMinor,
      });
      const { items, itemTaxMinor, taxMinor } = change;
      await emit(trx, { type: 'retaxed', order, taxMinor, items, itemTaxMinor });
    },
  };
  return core;
}

/** A new VAT decision for an order and the VAT of each of its items (in the items' order). */
export type TaxChange = {
  mode: Order['tax_mode'];
  scheme: NonNullable<Order['tax_scheme']>;
  taxCountry: Order['tax_country'];
  rateBp: number;
  taxMinor: number;
  items: readonly TaxedItem[];
  itemTaxMinor: readonly number[];
};

type AfterFn = NonNullable<NonNullable<OrderSubscriber['after']>[OrderEventType]>;

export type { OrderEventOf };

/** Moves an order to `to` only from a state that allows it; false when another path got there first. */
async function transition(
  trx: Transaction<DB>,
  orderId: string,
  to: OrderStatus,
  extra: Partial<Order> = {},
  from: readonly OrderStatus[] = sourcesOf(to),
): Promise<boolean> {
  const r = await trx
    .updateTable('orders')
    .set({ ...extra, status: to, updated_at: isoNow() })
    .where('id', '=', orderId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
