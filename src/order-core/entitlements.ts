import type { Kysely, Transaction } from 'kysely';
import type { DB, Order, OrderItem } from '../db/schema.js';
import type { RevocationReason } from './events.js';

export type GrantContext = {
  order: Order;
  items: readonly OrderItem[];
  /** Downloads per delivery, from the configuration (null: unlimited). */
  downloadLimit: number | null;
};

/**
 * What a paid order gives its buyer, one kind per feature (a download, a
 * licence key, a membership; later a course seat, a booking). The order core
 * grants every registered kind when an order is fulfilled, revokes them on a
 * full refund or a dispute and restores what a dispute took when it is won.
 * Each method runs inside the core's transaction and must be idempotent,
 * guarded by the database (unique keys, guarded UPDATEs): fulfilment runs
 * again after a crash.
 */
/** A link the receipt lists to what an order gave (a course to open, say). */
export type ReceiptLink = { label: string; url: string; note?: string };

export type Entitlement = {
  /** Stable name, e.g. `download`. */
  kind: string;
  /** The key under which the count granted appears in the order's `delivered` timeline entry, if any. */
  timelineKey?: string;
  /** Grants what the items give; returns how many were newly granted (0 on a rerun or for unrelated items). */
  grant(trx: Transaction<DB>, ctx: GrantContext): Promise<number>;
  revoke(trx: Transaction<DB>, ctx: { order: Order; reason: RevocationReason; at: string }): Promise<void>;
  /** Gives back what a revocation for `reason` at `revokedAt` took, and nothing else. */
  restore(trx: Transaction<DB>, ctx: { order: Order; reason: RevocationReason; revokedAt: string }): Promise<void>;
  /** The receipt's links to what this kind gave the paid order (none when it gave nothing). */
  receiptLinks?(db: Kysely<DB>, ctx: { order: Order; publicUrl: string; locale: string }): Promise<ReceiptLink[]>;
};

/**
 * Asked before an order's entitlements are granted. `hold` stops fulfilment
 * (e.g. the buyer withdrew before the payment arrived); the gate starts what
 * must happen instead by enqueueing a job in `trx`.
 */
export type FulfilmentGate = (trx: Transaction<DB>, order: Order) => Promise<'go' | 'hold'>;
