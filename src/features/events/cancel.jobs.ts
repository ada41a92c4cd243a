import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { handleJob, PermanentJobError } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { recordAudit } from '../admin/audit.js';
import { refundOrder } from '../payments/refund-order.js';
import { eventSessionOrderRefundJob, eventSessionRefundsJob } from './cancel.job-contracts.js';

/**
 * The paid orders a cancelled session ends: those with a valid ticket that
 * admits to this session alone. An order that also holds a ticket to another
 * session is left to the creator (a full refund would end that one too).
 */
export async function ordersToRefund(db: Kysely<DB>, sessionId: string): Promise<{ refund: string[]; keep: string[] }> {
  const rows = await db
    .selectFrom('event_tickets as t')
    .innerJoin('orders as o', 'o.id', 't.order_id')
    .innerJoin('event_seats as seat', 'seat.ticket_id', 't.id')
    .select('o.id')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('event_tickets as t2')
            .innerJoin('event_seats as s2', 's2.ticket_id', 't2.id')
            .select('t2.id')
            .whereRef('t2.order_id', '=', 'o.id')
            .where('t2.status', '=', 'valid')
            .where('s2.session_id', '<>', sessionId),
        )
        .as('other_sessions'),
    )
    .where('seat.session_id', '=', sessionId)
    .where('t.status', '=', 'valid')
    .where('o.status', '=', 'paid')
    .distinct()
    .orderBy('o.id')
    .execute();
  return {
    refund: rows.filter((r) => !isTrue(r.other_sessions)).map((r) => r.id),
    keep: rows.filter((r) => isTrue(r.other_sessions)).map((r) => r.id),
  };
}

/** EXISTS reads as 1/0 on SQLite and true/false on PostgreSQL. */
function isTrue(v: unknown): boolean {
  return v === true || Number(v) === 1;
}

export const eventSessionRefundsHandler = handleJob(eventSessionRefundsJob, async ({ sessionId, actor }, { db }) => {
  const { refund, keep } = await ordersToRefund(db, sessionId);
  await db.transaction().execute(async (trx) => {
    for (const orderId of refund) {
      await enqueueJob(
        trx,
        eventSessionOrderRefundJob,
        { orderId, sessionId, actor },
        { uniqueKey: `event-session-refund:${sessionId}:${orderId}` },
      );
    }
    await recordAudit(trx, actor, 'event.session-refunds', { sessionId, orders: refund.length, notRefunded: keep });
  });
});

/**
 * One order's full refund. A provider error is thrown, so the job is retried
 * and, after its last attempt, stays in the job queue as failed for the
 * creator to see and retry; an order refunded meanwhile is done.
 */
export const eventSessionOrderRefundHandler = handleJob(
  eventSessionOrderRefundJob,
  async ({ orderId, actor }, { services }) => {
    const result = await refundOrder(services, orderId, actor);
    if (result === 'ok' || result === 'not-paid') return;
    if (result === 'provider-error') throw new Error(`the payment provider refused the refund of order ${orderId}`);
    throw new PermanentJobError(`order ${orderId} cannot be refunded: ${result}`);
  },
);

export const eventCancelJobs = [eventSessionRefundsHandler, eventSessionOrderRefundHandler] as const;
