import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/queue.js';
import { normaliseEmail } from '../library/sessions.js';
import { scheduleHoldExpiry } from './holds.js';
import { eventWaitlistOfferJob } from './job-contracts.js';
import { findEvent } from './queries.js';
import { insertHoldingTicket, takeSeats } from './seats.js';

/**
 * The waiting list of a session (or, for a ticket to every session, of the
 * event): first come, first offered. When a seat frees, the next person gets
 * it held for the event's `offer_hours` and an email with a personal
 * checkout link; an offer that runs out frees the seat for the next.
 */
export async function joinWaitlist(
  db: Db,
  input: { productId: string; sessionId: string | null; email: string; name: string; locale: string; now: string },
): Promise<'joined' | 'already'> {
  const email = normaliseEmail(input.email);
  let q = db
    .selectFrom('event_waitlist')
    .select('id')
    .where('product_id', '=', input.productId)
    .where('email', '=', email)
    .where('status', 'in', ['waiting', 'offered']);
  q = input.sessionId ? q.where('session_id', '=', input.sessionId) : q.where('session_id', 'is', null);
  if (await q.executeTakeFirst()) return 'already';
  await db
    .insertInto('event_waitlist')
    .values({
      id: randomUUID(),
      product_id: input.productId,
      session_id: input.sessionId,
      email,
      name: input.name,
      locale: input.locale,
      ticket_id: null,
      offer_token: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return 'joined';
}

/**
 * Offers freed seats of `sessionIds` to the waiting list (in the transaction
 * that freed them), as long as seats and waiting people last.
 */
export async function offerFreedSeats(
  db: Db,
  productId: string,
  sessionIds: readonly string[],
  now: string,
): Promise<void> {
  const event = await findEvent(db, productId);
  if (!event) return;
  if (event.ticket_scope === 'all') {
    await offerNext(db, productId, null, sessionIds, event.offer_hours, now);
    return;
  }
  for (const sessionId of sessionIds) await offerNext(db, productId, sessionId, [sessionId], event.offer_hours, now);
}

async function offerNext(
  db: Db,
  productId: string,
  queueSession: string | null,
  seatSessions: readonly string[],
  offerHours: number,
  now: string,
): Promise<void> {
  for (;;) {
    let q = db
      .selectFrom('event_waitlist')
      .selectAll()
      .where('product_id', '=', productId)
      .where('status', '=', 'waiting');
    q = queueSession ? q.where('session_id', '=', queueSession) : q.where('session_id', 'is', null);
    const next = await q.orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
    if (!next) return;
    const sessions =
      queueSession === null
        ? (
            await db
              .selectFrom('event_sessions')
              .select('id')
              .where('product_id', '=', productId)
              .where('status', '=', 'scheduled')
              .execute()
          ).map((s) => s.id)
        : [...seatSessions];
    if (!(await takeSeats(db, sessions))) return;
    const expires = new Date(Date.parse(now) + offerHours * 3600_000).toISOString();
    const offered = {
      product_id: productId,
      session_id: queueSession,
      ticket_type_id: null,
      order_id: null,
      email: next.email,
      name: next.name,
      locale: next.locale,
      status: 'offered' as const,
      hold_expires_at: expires,
    };
    const ticketId = await insertHoldingTicket(db, offered, sessions, now);
    const r = await db
      .updateTable('event_waitlist')
      .set({
        status: 'offered',
        ticket_id: ticketId,
        offer_token: randomBytes(32).toString('base64url'),
        updated_at: now,
      })
      .where('id', '=', next.id)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Error('waiting-list entry changed during its offer');
    await scheduleHoldExpiry(db, ticketId, expires);
    await enqueueJob(db, eventWaitlistOfferJob, { waitlistId: next.id }, { uniqueKey: `event-offer:${next.id}` });
  }
}
