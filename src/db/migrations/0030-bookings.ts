import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { addContentVersionTriggers, dropContentVersionTriggers } from './0022-content-version.js';

/**
 * Bookable 1:1 sessions. No two held or confirmed bookings may overlap in
 * the creator's time (their blocks include the buffers). SQLite runs one
 * writer at a time, so the booking's transaction checks and inserts as one;
 * on PostgreSQL an exclusion constraint over the block's time range refuses
 * the second of two concurrent bookings. The text columns hold ISO-8601 UTC
 * ("…Z"), whose reading does not depend on the session's time zone, so the
 * cast can be declared immutable for the index.
 */
const PUBLIC_TABLES = ['booking_types'] as const;

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('booking_types')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('buffer_before_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('buffer_after_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('min_notice_minutes', 'integer', (c) => c.notNull().defaultTo(720))
    .addColumn('horizon_days', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('daily_cap', 'integer')
    .addColumn('weekly_cap', 'integer')
    .addColumn('slot_step_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('location', 'text', (c) => c.notNull().defaultTo('online'))
    .addColumn('location_detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('questions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('free_cancel_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('availability_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      'availability_rules_window',
      sql`weekday between 1 and 7 and 0 <= start_minute and start_minute < end_minute and end_minute <= 1440`,
    )
    .execute();

  await db.schema
    .createTable('availability_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('start_minute', 'integer')
    .addColumn('end_minute', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('availability_overrides_day').on('availability_overrides').column('day').execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('booking_types.product_id'))
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('client_time_zone', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('block_start', 'text', (c) => c.notNull())
    .addColumn('block_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hold_expires_at', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('manage_token', 'text', (c) => c.notNull().unique())
    .addColumn('cancelled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bookings_block')
    .on('bookings')
    .columns(['status', 'block_start', 'block_end'])
    .execute();
  await db.schema.createIndex('bookings_order').on('bookings').column('order_id').execute();
  await db.schema.createIndex('bookings_email').on('bookings').columns(['email', 'starts_at']).execute();

  if (isPostgres(db)) {
    await sql`create function vf_utc(text) returns timestamptz language sql immutable as $$ select $1::timestamptz $$`.execute(
      db,
    );
    await sql`alter table bookings add constraint bookings_no_overlap exclude using gist (tstzrange(vf_utc(block_start), vf_utc(block_end)) with &&) where (status in ('held', 'confirmed'))`.execute(
      db,
    );
  }

  await db.schema
    .createTable('booking_mails')
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('booking_mails_pk', ['booking_id', 'occasion'])
    .execute();

  await addContentVersionTriggers(db, PUBLIC_TABLES);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropContentVersionTriggers(db, PUBLIC_TABLES);
  for (const table of ['booking_mails', 'bookings', 'availability_overrides', 'availability_rules', 'booking_types']) {
    await db.schema.dropTable(table).execute();
  }
  if (isPostgres(db)) await sql`drop function if exists vf_utc(text)`.execute(db);
}
