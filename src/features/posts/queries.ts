import type { Db, DeliveryStatus, Post, PostSend } from '../../db/schema.js';

export const ARCHIVE_PAGE_SIZE = 20;

export async function findPost(db: Db, id: string): Promise<Post | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPublishedPost(db: Db, slug: string): Promise<Post | undefined> {
  return db
    .selectFrom('posts')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** Admin list: every post, newest first (drafts have no publish date yet). */
export async function listAllPosts(db: Db) {
  return db
    .selectFrom('posts')
    .leftJoin('post_sends', 'post_sends.post_id', 'posts.id')
    .select([
      'posts.id',
      'posts.title',
      'posts.slug',
      'posts.status',
      'posts.visibility',
      'posts.publish_at',
      'posts.published_at',
      'posts.updated_at',
      'post_sends.status as send_status',
      'post_sends.recipients',
    ])
    .orderBy('posts.updated_at', 'desc')
    .limit(500)
    .execute();
}

export type ArchiveEntry = Pick<Post, 'id' | 'slug' | 'title' | 'excerpt' | 'visibility' | 'tier_ids' | 'published_at'>;

/** Published posts, newest first, one page; never the bodies (the archive shows teasers only). */
export async function listPublished(db: Db, page: number, pageSize = ARCHIVE_PAGE_SIZE) {
  const rows: ArchiveEntry[] = await db
    .selectFrom('posts')
    .select(['id', 'slug', 'title', 'excerpt', 'visibility', 'tier_ids', 'published_at'])
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { posts: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

/** Public posts for the feed (body included: they are public). */
export async function listPublicForFeed(db: Db, limit = 30) {
  return db
    .selectFrom('posts')
    .select(['id', 'slug', 'title', 'excerpt', 'body_md', 'published_at'])
    .where('status', '=', 'published')
    .where('visibility', '=', 'public')
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
}

export async function listTiers(db: Db) {
  return db
    .selectFrom('membership_tiers')
    .select(['id', 'name', 'is_free'])
    .where('active', '=', 1)
    .orderBy('position')
    .orderBy('name')
    .execute();
}

export async function listPostImages(db: Db, postId: string) {
  return db
    .selectFrom('post_images')
    .select(['id', 'storage_key', 'size_bytes', 'created_at'])
    .where('post_id', '=', postId)
    .orderBy('created_at')
    .execute();
}

export const DELIVERY_STATUSES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'bounced',
  'unknown',
] as const satisfies readonly DeliveryStatus[];
export type SendProgress = { send: PostSend; counts: Record<DeliveryStatus, number> };

/** A post's send and its deliveries counted by status (the admin's progress view). */
export async function sendProgress(db: Db, postId: string): Promise<SendProgress | undefined> {
  const send = await db.selectFrom('post_sends').selectAll().where('post_id', '=', postId).executeTakeFirst();
  if (!send) return undefined;
  const rows = await db
    .selectFrom('post_deliveries')
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('post_id', '=', postId)
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return { send, counts };
}

/** Statuses an admin looks into: not delivered, or not known to be. */
export const PROBLEM_STATUSES = ['failed', 'bounced', 'unknown'] as const satisfies readonly DeliveryStatus[];
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const RECIPIENTS_PAGE_SIZE = 100;

/** One page of a send's recipients in one status, with the reason, by address. */
export async function listDeliveriesByStatus(db: Db, postId: string, status: ProblemStatus, page: number) {
  const rows = await db
    .selectFrom('post_deliveries as d')
    .innerJoin('members as m', 'm.id', 'd.member_id')
    .select(['d.member_id', 'm.email', 'd.status', 'd.error', 'd.attempts', 'd.updated_at'])
    .where('d.post_id', '=', postId)
    .where('d.status', '=', status)
    .orderBy('m.email')
    .limit(RECIPIENTS_PAGE_SIZE + 1)
    .offset((page - 1) * RECIPIENTS_PAGE_SIZE)
    .execute();
  return {
    rows: rows.slice(0, RECIPIENTS_PAGE_SIZE).map((r) => ({ ...r, attempts: Number(r.attempts) })),
    hasMore: rows.length > RECIPIENTS_PAGE_SIZE,
  };
}
