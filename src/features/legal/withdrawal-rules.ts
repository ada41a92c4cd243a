import type { OrderStatus } from '../../db/schema.js';

/** § 355 (2) BGB: 14 days from the conclusion of the contract (for digital content). */
export const WITHDRAWAL_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

export type WithdrawalFacts = {
  status: OrderStatus;
  totalMinor: number;
  /** When the contract was concluded (the order was placed). */
  createdAt: string;
  /** The buyer gave the § 356 (5) BGB consent at checkout. */
  consented: boolean;
  /** The content was delivered (a delivery exists). */
  delivered: boolean;
  /** An earlier withdrawal of this order. */
  withdrawnAt?: string | undefined;
  /** A leisure event on a specific date: no right of withdrawal (§ 312g (2) no. 9 BGB). */
  excluded?: boolean | undefined;
};

export type WithdrawalState =
  | { kind: 'open'; endsAt: string }
  | { kind: 'withdrawn'; receivedAt: string }
  | { kind: 'waived' }
  | { kind: 'expired'; endedAt: string }
  | { kind: 'free' }
  | { kind: 'excluded' }
  | { kind: 'ended' };

export function withdrawalPeriodEnd(createdAt: string): string {
  return new Date(Date.parse(createdAt) + WITHDRAWAL_DAYS * DAY_MS).toISOString();
}

/**
 * Whether an order can still be withdrawn from, and if not, why: delivered
 * digital content with the consent has no right left (§ 356 (5) BGB); free
 * contracts have none; the period is 14 days from the order.
 */
export function withdrawalState(f: WithdrawalFacts, now: Date = new Date()): WithdrawalState {
  if (f.withdrawnAt) return { kind: 'withdrawn', receivedAt: f.withdrawnAt };
  if (f.status !== 'paid' && f.status !== 'pending') return { kind: 'ended' };
  if (f.totalMinor === 0) return { kind: 'free' };
  if (f.excluded) return { kind: 'excluded' };
  if (f.consented && f.delivered) return { kind: 'waived' };
  const endsAt = withdrawalPeriodEnd(f.createdAt);
  if (now.toISOString() >= endsAt) return { kind: 'expired', endedAt: endsAt };
  return { kind: 'open', endsAt };
}
