import { type Kysely, sql } from 'kysely';
import { addContentVersionTriggers, dropContentVersionTriggers } from './0022-content-version.js';

/**
 * Live events: an event is a product (kind 'event') with dated sessions and
 * ticket types. Seats are counted per session in `event_seat_counts` by
 * guarded UPDATEs; a ticket holds seats (one per session it admits to) while
 * its order is unpaid, keeps them when paid and gives them back when the
 * hold runs out or the order is refunded. The sessions and ticket types show
 * on the product page, so they move the content version; the counters and
 * tickets do not.
 */
const PUBLIC_TABLES = ['events', 'event_sessions', 'event_ticket_types'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('format', 'text', (c) => c.notNull().defaultTo('online'))
    .addColumn('venue', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meeting_url', 'text')
    .addColumn('ticket_scope', 'text', (c) => c.notNull().defaultTo('session'))
    .addColumn('withdrawal_rule', 'text', (c) => c.notNull().defaultTo('leisure'))
    .addColumn('sales_end_at', 'text')
    .addColumn('offer_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('event_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('events.product_id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recording_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('event_sessions_product')
    .on('event_sessions')
    .columns(['product_id', 'starts_at'])
    .execute();
  await db.schema.createIndex('event_sessions_start').on('event_sessions').columns(['starts_at']).execute();

  await db.schema
    .createTable('event_seat_counts')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('event_sessions.id').onDelete('cascade'))
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0))
    // The guarded UPDATEs keep this true; the database refuses anything that would break it.
    .addCheckConstraint('event_seat_counts_within', sql`taken >= 0 AND taken <= capacity`)
    .execute();

  await db.schema
    .createTable('event_ticket_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('events.product_id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price_minor', 'integer', (c) => c.notNull())
    .addColumn('available_until', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('event_tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('events.product_id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.references('event_sessions.id').onDelete('cascade'))
    .addColumn('ticket_type_id', 'text', (c) => c.references('event_ticket_types.id').onDelete('set null'))
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hold_expires_at', 'text')
    .addColumn('check_in_token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_tickets_order').on('event_tickets').columns(['order_id']).execute();
  await db.schema.createIndex('event_tickets_email').on('event_tickets').columns(['email', 'status']).execute();
  await db.schema
    .createIndex('event_tickets_product')
    .on('event_tickets')
    .columns(['product_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('event_seats')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('event_tickets.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('event_sessions.id').onDelete('cascade'))
    .addColumn('checked_in_at', 'text')
    .addPrimaryKeyConstraint('event_seats_pk', ['ticket_id', 'session_id'])
    .execute();
  await db.schema.createIndex('event_seats_session').on('event_seats').columns(['session_id']).execute();

  await db.schema
    .createTable('event_waitlist')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('events.product_id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.references('event_sessions.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('waiting'))
    .addColumn('ticket_id', 'text', (c) => c.references('event_tickets.id').onDelete('set null'))
    .addColumn('offer_token', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('event_waitlist_queue')
    .on('event_waitlist')
    .columns(['product_id', 'session_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('event_mails')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('event_tickets.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_mails_pk', ['ticket_id', 'session_id', 'occasion'])
    .execute();

  await addContentVersionTriggers(db, PUBLIC_TABLES);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropContentVersionTriggers(db, PUBLIC_TABLES);
  for (const table of [
    'event_mails',
    'event_waitlist',
    'event_seats',
    'event_tickets',
    'event_ticket_types',
    'event_seat_counts',
    'event_sessions',
    'events',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
