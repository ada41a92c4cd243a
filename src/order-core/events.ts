import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB, Order, OrderItem } from '../db/schema.js';
import type { JobContract } from '../jobs/define.js';

/** What a payment provider says about a chargeback (kept here so the core needs nothing of `payments/`). */
export type DisputeReport = {
  id: string;
  status: 'open' | 'won' | 'lost';
  amountMinor: number;
  reason: string;
};

/** Why an order's entitlements are taken away; a won dispute gives back what `dispute` took. */
export type RevocationReason = 'refund' | 'dispute';

/**
 * Everything that happens to an order, as the order core announces it. Each
 * is emitted once, by the transition that won its guarded UPDATE, inside that
 * transaction. `order` is the row as it was before the transition.
 */
export type OrderEvent =
  | { type: 'paid'; order: Order; detail: Record<string, unknown> }
  | { type: 'failed'; orderId: string; reason: string }
  | { type: 'expired'; order: Order }
  | { type: 'refunded'; order: Order; at: string }
  | { type: 'partially-refunded'; order: Order; refundedMinor: number }
  | { type: 'disputed'; order: Order; dispute: DisputeReport; at: string }
  | { type: 'dispute-won'; order: Order; dispute: DisputeReport }
  | { type: 'withdrawn'; order: Order }
  /** The payment's details (fee, card country) filled in after the sale. */
  | { type: 'payment-details'; order: Order }
  /** The VAT decision changed when the invoice was issued (a turnover limit crossed meanwhile). */
  | { type: 'retaxed'; order: Order; taxMinor: number; items: readonly TaxedItem[]; itemTaxMinor: readonly number[] }
  /** Every entitlement of a paid order was granted (after `paid`, in the fulfilment job). */
  | { type: 'fulfilled'; order: Order };

/** The columns of an order item a VAT change reads. */
export type TaxedItem = Pick<OrderItem, 'id' | 'product_id' | 'tax_minor'>;

export type OrderEventType = OrderEvent['type'];
export type OrderEventOf<K extends OrderEventType> = Extract<OrderEvent, { type: K }>;

/** Work after commit: a job enqueued in the event's transaction, once per unique key. */
export type AfterCommitJob = { contract: JobContract; payload: unknown; uniqueKey: string };

/** Types the payload against the contract's schema. */
export function afterCommit<S extends z.ZodType>(
  contract: JobContract<S>,
  payload: z.infer<S>,
  uniqueKey: string,
): AfterCommitJob {
  return { contract, payload, uniqueKey };
}

/**
 * What a feature wants to hear of orders. `within` runs inside the
 * transition's transaction (database writes only: counters, redemptions);
 * `after` names jobs that do the slow or outside work after commit (emails,
 * invoices), enqueued in the same transaction under a unique key, so an event
 * repeated after a crash enqueues nothing twice.
 */
export type OrderSubscriber = {
  within?: { [K in OrderEventType]?: (trx: Transaction<DB>, event: OrderEventOf<K>) => Promise<void> };
  after?: { [K in OrderEventType]?: (event: OrderEventOf<K>) => AfterCommitJob | undefined };
};
