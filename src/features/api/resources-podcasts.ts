import type { Db } from '../../db/schema.js';
import { afterCursor, type PageQuery, toPage } from './pagination.js';
import { cursorFrom, PRODUCT_FIELDS, productCursor } from './resources-kind-pages.js';

/** What the API reads of podcasts: shows with episode counts, and their episodes. */
export async function listShows(db: Db, page: PageQuery) {
  const cursor = await productCursor(db, 'podcast', page);
  let q = db
    .selectFrom('products')
    .innerJoin('podcast_shows', 'podcast_shows.product_id', 'products.id')
    .select((eb) => [
      ...PRODUCT_FIELDS,
      'podcast_shows.author',
      'podcast_shows.language',
      eb
        .selectFrom('podcast_episodes')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .whereRef('podcast_episodes.show_id', '=', 'products.id')
        .where('podcast_episodes.status', '=', 'published')
        .as('episodes_published'),
      eb
        .selectFrom('podcast_episodes')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .whereRef('podcast_episodes.show_id', '=', 'products.id')
        .where('podcast_episodes.status', '=', 'scheduled')
        .as('episodes_scheduled'),
    ])
    .where('products.kind', '=', 'podcast');
  if (cursor) q = q.where(afterCursor('products', cursor));
  const rows = await q
    .orderBy('products.created_at')
    .orderBy('products.id')
    .limit(page.limit + 1)
    .execute();
  const data = rows.map((s) => ({
    ...s,
    episodes_published: Number(s.episodes_published ?? 0),
    episodes_scheduled: Number(s.episodes_scheduled ?? 0),
  }));
  return toPage(data, page.limit);
}

export async function showExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('podcast_shows').select('product_id').where('product_id', '=', id).executeTakeFirst()) !==
    undefined
  );
}

/** A show's published and scheduled episodes (drafts are the creator's; audio stays behind the feeds). */
export async function listEpisodes(db: Db, showId: string, page: PageQuery) {
  const cursor = await cursorFrom(page, (id) =>
    db
      .selectFrom('podcast_episodes')
      .select(['id', 'created_at'])
      .where('id', '=', id)
      .where('show_id', '=', showId)
      .executeTakeFirst(),
  );
  let q = db
    .selectFrom('podcast_episodes')
    .select([
      'id',
      'title',
      'summary',
      'season',
      'episode_number',
      'episode_type',
      'access',
      'status',
      'publish_at',
      'published_at',
      'duration_seconds',
      'created_at',
    ])
    .where('show_id', '=', showId)
    .where('status', 'in', ['published', 'scheduled'])
    .$narrowType<{ status: 'published' | 'scheduled' }>();
  if (cursor) q = q.where(afterCursor('podcast_episodes', cursor));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit);
}
