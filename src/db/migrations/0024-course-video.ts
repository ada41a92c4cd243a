import type { Kysely } from 'kysely';

/**
 * Course videos (features/course-video): the video with its AES-128 key and
 * transcoding state, its HLS renditions (playlists kept as text: small, and
 * read on every playlist request), captions per language, and resumable
 * upload sessions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('course_videos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('courses.product_id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text')
    .addColumn('source_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('poster_key', 'text')
    .addColumn('hls_prefix', 'text')
    .addColumn('aes_key', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('course_videos_product').on('course_videos').column('product_id').execute();

  await db.schema
    .createTable('course_video_renditions')
    .addColumn('video_id', 'text', (c) => c.notNull().references('course_videos.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bandwidth', 'integer', (c) => c.notNull())
    .addColumn('playlist', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('course_video_renditions_pk', ['video_id', 'name'])
    .execute();

  await db.schema
    .createTable('course_video_captions')
    .addColumn('video_id', 'text', (c) => c.notNull().references('course_videos.id'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('course_video_captions_pk', ['video_id', 'lang'])
    .execute();

  await db.schema
    .createTable('course_video_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('video_id', 'text', (c) => c.notNull().references('course_videos.id'))
    .addColumn('total_bytes', 'bigint', (c) => c.notNull())
    .addColumn('received_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('chunk_keys', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['course_video_uploads', 'course_video_captions', 'course_video_renditions', 'course_videos']) {
    await db.schema.dropTable(t).execute();
  }
}
