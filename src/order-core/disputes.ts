import type { Transaction } from 'kysely';
import type { DB, Order } from '../db/schema.js';
import { isoNow } from '../db/time.js';
import type { DisputeReport } from './events.js';

/** Stores the provider's latest word on an order's dispute; false when it says nothing new. */
export async function saveDispute(
  trx: Transaction<DB>,
  order: Order,
  provider: string,
  dispute: DisputeReport,
  accessRevokedAt?: string,
): Promise<boolean> {
  const now = isoNow();
  const revoked = accessRevokedAt ? { access_revoked_at: accessRevokedAt } : {};
  const r = await trx
    .insertInto('order_disputes')
    .values({
      order_id: order.id,
      provider,
      dispute_ref: dispute.id,
      status: dispute.status,
      amount_minor: dispute.amountMinor,
      reason: dispute.reason,
      access_revoked_at: accessRevokedAt ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('order_id')
        .doUpdateSet({ status: dispute.status, dispute_ref: dispute.id, updated_at: now, ...revoked })
        .where('order_disputes.status', '<>', dispute.status),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
