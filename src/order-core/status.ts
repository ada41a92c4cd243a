import type { OrderStatus } from '../db/schema.js';

/**
 * The order state machine as data. A payment may still arrive for an order we
 * already marked failed or expired (a slow bank, a late webhook): it is honoured.
 * A dispute (chargeback) takes a paid order's access away; won, it gives it back.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'failed', 'expired'],
  failed: ['paid', 'expired'],
  expired: ['paid'],
  paid: ['refunded', 'disputed'],
  disputed: ['paid', 'refunded'],
  refunded: [],
};

/** States a payment can still arrive in; `disputed → paid` is a dispute won, not a payment. */
export const AWAITING_PAYMENT: readonly OrderStatus[] = ['pending', 'failed', 'expired'];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new Error(`order cannot go from ${from} to ${to}`);
}

/** The states an order may be in when it moves to `to` (for guarded UPDATEs). */
export function sourcesOf(to: OrderStatus): OrderStatus[] {
  return (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter((from) => canTransition(from, to));
}

/** Buyers have access to their files only while the order is paid. */
export function grantsAccess(status: OrderStatus): boolean {
  return status === 'paid';
}
