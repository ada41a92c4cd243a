import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Db, EventFormat, EventWithdrawalRule, TicketScope } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { insertDraftProduct } from '../catalog/draft-product.js';
import { productTaxOf, setProductTax } from '../tax/product-tax.js';
import { scheduleReminders } from './reminders.js';

/**
 * The creator's changes to an event. Each runs in one transaction. A
 * session's seats live in `event_seat_counts` (see the table's comment); its
 * capacity never drops below the seats already taken.
 */

/** A new event: a draft product of kind 'event' with one free ticket type, "Ticket", until the creator prices it. */
export async function createEvent(db: Kysely<DB>, title: string, actor: string): Promise<string> {
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const { id, slug } = await insertDraftProduct(trx, { kind: 'event', title, fallbackSlug: 'event' });
    await trx.insertInto('events').values({ product_id: id, created_at: now, updated_at: now }).execute();
    // A new event is online (the table's default); its VAT follows the format (saveEventSettings).
    await setProductTax(trx, id, { category: 'live_online_event', placeCountry: null });
    await trx
      .insertInto('event_ticket_types')
      .values({
        id: randomUUID(),
        product_id: id,
        name: 'Ticket',
        price_minor: 0,
        available_until: null,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, actor, 'event.created', { id, slug });
    return id;
  });
}

export type EventSettingsInput = {
  format: EventFormat;
  venue: string;
  meetingUrl: string | null;
  ticketScope: TicketScope;
  withdrawalRule: EventWithdrawalRule;
  salesEndAt: string | null;
  offerHours: number;
};

/**
 * Saves the settings; the format also decides the VAT category: a live
 * online event is taxed where the consumer lives, admission to an event on
 * site where it takes place (the place the product editor sets, else the
 * seller's country).
 */
export async function saveEventSettings(db: Db, productId: string, input: EventSettingsInput): Promise<void> {
  await db
    .updateTable('events')
    .set({
      format: input.format,
      venue: input.venue,
      meeting_url: input.meetingUrl,
      ticket_scope: input.ticketScope,
      withdrawal_rule: input.withdrawalRule,
      sales_end_at: input.salesEndAt,
      offer_hours: input.offerHours,
      updated_at: isoNow(),
    })
    .where('product_id', '=', productId)
    .execute();
  const place = (await productTaxOf(db, [productId])).get(productId)?.placeCountry ?? null;
  await setProductTax(
    db,
    productId,
    input.format === 'online'
      ? { category: 'live_online_event', placeCountry: null }
      : { category: 'physical_event', placeCountry: place },
  );
}

export type SessionInput = { startsAt: string; endsAt: string; capacity: number };

/** A new session with its seat counter and reminders. */
export async function addSession(db: Kysely<DB>, productId: string, input: SessionInput): Promise<string> {
  const id = randomUUID();
  const now = isoNow();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('event_sessions')
      .values({
        id,
        product_id: productId,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        created_at: now,
        updated_at: now,
        recording_url: null,
      })
      .execute();
    await trx.insertInto('event_seat_counts').values({ session_id: id, capacity: input.capacity }).execute();
    await scheduleReminders(trx, { id, starts_at: input.startsAt, sequence: 0 });
  });
  return id;
}

/** Sets a session's capacity; refused ('below-taken') under the seats already held or sold. */
export async function setCapacity(db: Db, sessionId: string, capacity: number): Promise<'ok' | 'below-taken'> {
  const r = await db
    .updateTable('event_seat_counts')
    .set({ capacity })
    .where('session_id', '=', sessionId)
    .where('taken', '<=', capacity)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? 'ok' : 'below-taken';
}

export type TicketTypeInput = { name: string; priceMinor: number; availableUntil: string | null };

export async function addTicketType(db: Kysely<DB>, productId: string, input: TicketTypeInput): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('event_ticket_types')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('product_id', '=', productId)
      .executeTakeFirst();
    await trx
      .insertInto('event_ticket_types')
      .values({
        id,
        product_id: productId,
        name: input.name,
        price_minor: input.priceMinor,
        available_until: input.availableUntil,
        position: Number(last?.p ?? -1) + 1,
        created_at: isoNow(),
      })
      .execute();
    await syncProductPrice(trx, productId);
  });
  return id;
}

export async function updateTicketType(
  db: Kysely<DB>,
  productId: string,
  id: string,
  input: TicketTypeInput,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('event_ticket_types')
      .set({ name: input.name, price_minor: input.priceMinor, available_until: input.availableUntil })
      .where('id', '=', id)
      .where('product_id', '=', productId)
      .execute();
    await syncProductPrice(trx, productId);
  });
}

/** Removes a ticket type unless it is the event's last; tickets sold with it keep their price on the order. */
export async function removeTicketType(db: Kysely<DB>, productId: string, id: string): Promise<'ok' | 'last'> {
  return db.transaction().execute(async (trx) => {
    const n = await trx
      .selectFrom('event_ticket_types')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow();
    if (Number(n.n) <= 1) return 'last' as const;
    await trx.deleteFrom('event_ticket_types').where('id', '=', id).where('product_id', '=', productId).execute();
    await syncProductPrice(trx, productId);
    return 'ok' as const;
  });
}

/**
 * The product's own price is the lowest paid ticket price ("49 €" on cards
 * and in the store front), free only when every ticket is; what an order
 * costs comes from the ticket type chosen.
 */
async function syncProductPrice(trx: Db, productId: string): Promise<void> {
  const low = await trx
    .selectFrom('event_ticket_types')
    .select((eb) => eb.fn.min('price_minor').as('p'))
    .where('product_id', '=', productId)
    .where('price_minor', '>', 0)
    .executeTakeFirst();
  const price = Number(low?.p ?? 0);
  await trx
    .updateTable('products')
    .set({ pricing: price === 0 ? 'free' : 'fixed', price_minor: price, updated_at: isoNow() })
    .where('id', '=', productId)
    .execute();
}

/** A link to a session's recording for its ticket holders (null removes it). */
export async function setRecordingUrl(db: Db, sessionId: string, url: string | null): Promise<void> {
  await db
    .updateTable('event_sessions')
    .set({ recording_url: url, updated_at: isoNow() })
    .where('id', '=', sessionId)
    .execute();
}

/**
 * Deletes a session nobody has a ticket or seat for (a mistake while planning);
 * refused ('has-tickets') otherwise: such a session is cancelled instead, so its
 * ticket holders hear of it.
 */
export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<'ok' | 'has-tickets'> {
  return db.transaction().execute(async (trx) => {
    const seat = await trx
      .selectFrom('event_seats')
      .select('ticket_id')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    const ticket = await trx
      .selectFrom('event_tickets')
      .select('id')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (seat || ticket) return 'has-tickets' as const;
    await trx.deleteFrom('event_waitlist').where('session_id', '=', sessionId).execute();
    await trx.deleteFrom('event_seat_counts').where('session_id', '=', sessionId).execute();
    await trx.deleteFrom('event_sessions').where('id', '=', sessionId).execute();
    return 'ok' as const;
  });
}
