import type { Kysely } from 'kysely';

/**
 * The newsletter: posts (Markdown, visibility, publish now or at a time),
 * their uploaded images, one send per post, and one delivery row per post and
 * member — the primary key (post_id, member_id) is what keeps a resumed send
 * from mailing anyone twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('tier_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('send_email', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('publish_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posts_published').on('posts').columns(['status', 'published_at']).execute();

  await db.schema
    .createTable('post_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_images_post').on('post_images').column('post_id').execute();

  await db.schema
    .createTable('post_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().unique().references('posts.id'))
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('fanout_cursor', 'text')
    .addColumn('batches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('fanned_out_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();

  await db.schema
    .createTable('post_deliveries')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('batch', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claim', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addPrimaryKeyConstraint('post_deliveries_pk', ['post_id', 'member_id'])
    .execute();
  await db.schema.createIndex('post_deliveries_batch').on('post_deliveries').columns(['post_id', 'batch']).execute();
  await db.schema.createIndex('post_deliveries_member').on('post_deliveries').column('member_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['post_deliveries', 'post_sends', 'post_images', 'posts']) {
    await db.schema.dropTable(table).execute();
  }
}
