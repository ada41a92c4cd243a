import { type Kysely, sql } from 'kysely';
import { addContentVersionTriggers, dropContentVersionTriggers } from './0022-content-version.js';

/**
 * Podcasts: shows (a product of kind 'podcast'), episodes, private feeds per
 * (show, address), one-off purchases, counted downloads, feed sightings and
 * sharing alerts. Shows and episodes appear on the product page and in the
 * public feed, so they move the content version; the rest does not.
 */
const PUBLIC_TABLES = ['podcast_shows', 'podcast_episodes'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('podcast_shows')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('de'))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo('Arts'))
    .addColumn('subcategory', 'text')
    .addColumn('explicit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('artwork_key', 'text')
    .addColumn('artwork_small_key', 'text')
    .addColumn('tier_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('public_feed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sharing_networks_threshold', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('feed_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('feed_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('podcast_episodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('show_id', 'text', (c) => c.notNull().references('podcast_shows.product_id').onDelete('cascade'))
    .addColumn('guid', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('season', 'integer')
    .addColumn('episode_number', 'integer')
    .addColumn('episode_type', 'text', (c) => c.notNull().defaultTo('full'))
    .addColumn('access', 'text', (c) => c.notNull().defaultTo('listeners'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('publish_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('audio_key', 'text')
    .addColumn('audio_size', 'integer')
    .addColumn('audio_type', 'text')
    .addColumn('audio_sha256', 'text')
    .addColumn('duration_seconds', 'integer')
    .addColumn('chapters', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('transcript_key', 'text')
    .addColumn('transcript_type', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('podcast_episodes_access', sql`access in ('public', 'listeners')`)
    .addCheckConstraint('podcast_episodes_status', sql`status in ('draft', 'scheduled', 'published')`)
    .execute();
  await db.schema
    .createIndex('podcast_episodes_show')
    .on('podcast_episodes')
    .columns(['show_id', 'status', 'published_at'])
    .execute();

  await db.schema
    .createTable('podcast_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('show_id', 'text', (c) => c.notNull().references('podcast_shows.product_id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('rotated_at', 'text')
    .addColumn('status_changed_at', 'text')
    .addUniqueConstraint('podcast_feeds_show_email', ['show_id', 'email'])
    .execute();
  await db.schema.createIndex('podcast_feeds_email').on('podcast_feeds').column('email').execute();

  await db.schema
    .createTable('podcast_purchases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('show_id', 'text', (c) => c.notNull().references('podcast_shows.product_id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('podcast_purchases_order_show', ['order_id', 'show_id'])
    .execute();
  await db.schema
    .createIndex('podcast_purchases_email')
    .on('podcast_purchases')
    .columns(['email', 'show_id'])
    .execute();

  await db.schema
    .createTable('podcast_downloads')
    .addColumn('episode_id', 'text', (c) => c.notNull().references('podcast_episodes.id').onDelete('cascade'))
    .addColumn('listener', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('show_id', 'text', (c) => c.notNull())
    .addColumn('feed_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('podcast_downloads_pk', ['episode_id', 'listener', 'day'])
    .execute();
  await db.schema
    .createIndex('podcast_downloads_show_day')
    .on('podcast_downloads')
    .columns(['show_id', 'day'])
    .execute();

  await db.schema
    .createTable('podcast_feed_sightings')
    .addColumn('feed_id', 'text', (c) => c.notNull().references('podcast_feeds.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('app', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('podcast_feed_sightings_pk', ['feed_id', 'day', 'network', 'app'])
    .execute();
  await db.schema.createIndex('podcast_feed_sightings_day').on('podcast_feed_sightings').column('day').execute();

  await db.schema
    .createTable('podcast_sharing_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feed_id', 'text', (c) => c.notNull().references('podcast_feeds.id').onDelete('cascade'))
    .addColumn('show_id', 'text', (c) => c.notNull())
    .addColumn('networks', 'integer', (c) => c.notNull())
    .addColumn('apps', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  // One open alert per feed: the scan inserts with ON CONFLICT DO NOTHING.
  await sql`CREATE UNIQUE INDEX podcast_sharing_alerts_open ON podcast_sharing_alerts (feed_id) WHERE status = 'open'`.execute(
    db,
  );

  await addContentVersionTriggers(db, PUBLIC_TABLES);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropContentVersionTriggers(db, PUBLIC_TABLES);
  for (const table of [
    'podcast_sharing_alerts',
    'podcast_feed_sightings',
    'podcast_downloads',
    'podcast_purchases',
    'podcast_feeds',
    'podcast_episodes',
    'podcast_shows',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
