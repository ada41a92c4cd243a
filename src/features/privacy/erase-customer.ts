import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { eraseNameOnOrders } from '../../order-core/orders.js';
import { recordAudit } from '../admin/audit.js';
import type { PrivacyPart } from './privacy-part.js';
import { scheduleRetentionSweep } from './retention.job.js';
import { retentionEnd } from './retention.js';

export type EraseResult = { lockedOrders: number; members: number };

/**
 * Art. 17 GDPR, carried out by the creator: the name, library sessions and
 * sign-in tokens go, the bodies of the emails sent are blanked; orders (and the
 * invoices hanging on them) must be kept, so they are locked until their
 * retention period ends and a daily job deletes them then. An open request of
 * the same address is marked done; the audit log records who did it.
 * A member of the address is erased too (member-data.ts).
 */
export async function eraseCustomer(
  db: Kysely<DB>,
  opts: { email: string; actor: string; requestId?: string | undefined },
  parts: readonly PrivacyPart[],
): Promise<EraseResult> {
  const address = opts.email.trim().toLowerCase();
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const byAddress = (col: 'email') => sql<boolean>`lower(${sql.ref(col)}) = ${address}`;
    await trx.updateTable('customers').set({ name: '' }).where(byAddress('email')).execute();
    await eraseNameOnOrders(trx, address);
    await trx.deleteFrom('customer_sessions').where('email', '=', address).execute();
    await trx.deleteFrom('customer_tokens').where('email', '=', address).execute();
    const counts: Record<string, number> = {};
    for (const part of parts) Object.assign(counts, await part.erase?.(trx, address, now));
    const members = counts.members ?? 0;
    const orders = await trx.selectFrom('orders').select(['id', 'created_at']).where(byAddress('email')).execute();
    for (const o of orders) {
      await trx
        .insertInto('retention_locks')
        .values({ order_id: o.id, keep_until: retentionEnd(o.created_at), reason: 'erasure', locked_at: now })
        .onConflict((oc) => oc.column('order_id').doNothing())
        .execute();
    }
    const open = await trx
      .updateTable('privacy_requests')
      .set({ status: 'completed', handled_at: now, handled_by: opts.actor })
      .where('email', '=', address)
      .where('kind', '=', 'erasure')
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (Number(open.numUpdatedRows) === 0) {
      await trx
        .insertInto('privacy_requests')
        .values({
          id: opts.requestId ?? randomUUID(),
          kind: 'erasure',
          email: address,
          source: 'admin',
          status: 'completed',
          detail: JSON.stringify({ lockedOrders: orders.length, members }),
          requested_at: now,
          handled_at: now,
          handled_by: opts.actor,
        })
        .execute();
    }
    await recordAudit(trx, opts.actor, 'privacy.erased', { lockedOrders: orders.length, members });
    if (orders.length > 0) await scheduleRetentionSweep(trx);
    return { lockedOrders: orders.length, members };
  });
}
