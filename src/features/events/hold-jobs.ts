import { isoNow } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { OrderSubscriber } from '../../order-core/events.js';
import { refundOrder } from '../payments/refund-order.js';
import { eventHoldExpiryJob, eventSoldOutRefundJob, eventTicketMailJob } from './job-contracts.js';
import { endTicket, ticketsOf } from './tickets.js';

/** A hold or offer that has run out gives its seats back (to the waiting list first); a paid ticket is left alone. */
export const eventHoldExpiryHandler = handleJob(eventHoldExpiryJob, async ({ ticketId }, { db }) => {
  await db.transaction().execute(async (trx) => {
    const ticket = await trx.selectFrom('event_tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
    const now = isoNow();
    if (!ticket || (ticket.status !== 'held' && ticket.status !== 'offered')) return;
    // A later expiry (an offer taken into an order) was scheduled by its own job.
    if (!ticket.hold_expires_at || ticket.hold_expires_at > now) return;
    if (!(await endTicket(trx, ticket, 'released', now))) return;
    if (ticket.status === 'offered')
      await trx
        .updateTable('event_waitlist')
        .set({ status: 'expired', updated_at: now })
        .where('ticket_id', '=', ticket.id)
        .where('status', '=', 'offered')
        .execute();
  });
});

/** Paid after the seats were gone: the whole payment goes back, and the buyer hears why. */
export const eventSoldOutRefundHandler = handleJob(eventSoldOutRefundJob, async ({ orderId }, { db, services }) => {
  const result = await refundOrder(services, orderId, 'system:events', { requestId: `event-sold-out:${orderId}` });
  // 'not-paid': refunded already (a rerun). A provider error throws, so the job is retried and shows in the queue.
  if (result === 'provider-error') throw new Error(`refund of sold-out order ${orderId} failed`);
  await db.transaction().execute(async (trx) => {
    for (const ticket of await ticketsOf(trx, orderId, ['sold_out']))
      await enqueueJob(
        trx,
        eventTicketMailJob,
        { ticketId: ticket.id, occasion: 'sold-out' },
        { uniqueKey: `event-ticket-sold-out:${ticket.id}` },
      );
  });
});

/** An order that expired unpaid lets its seats go at once instead of at the hold's end. */
export const eventOrderSubscriber: OrderSubscriber = {
  within: {
    async expired(trx, { order }) {
      const now = isoNow();
      for (const ticket of await ticketsOf(trx, order.id, ['held'])) await endTicket(trx, ticket, 'released', now);
    },
  },
};
