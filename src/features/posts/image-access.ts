import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { canRead, type MemberAccess } from '../memberships/access.js';
import { postAudience } from './audience.js';

/**
 * Who may load a post's image: the same rule as the post's page. A public,
 * published post's images are everyone's; a gated post's only its readers'
 * (and the admin's, for drafts and the editor's preview). Newsletter emails
 * carry signed image URLs (`?s=`), since a mail client has no session: the
 * signature covers the file name, so it opens that one image only.
 */
function signature(secret: string, file: string): string {
  return createHmac('sha256', secret).update(`post-image:${file}`).digest('base64url');
}

/** `/media/posts/<file>` with its signature appended. */
export function signImagePath(secret: string, path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return `${path}?s=${signature(secret, file)}`;
}

export function checkImageSignature(secret: string, file: string, sig: unknown): boolean {
  if (typeof sig !== 'string' || sig.length > 100) return false;
  const expected = Buffer.from(signature(secret, file));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type ImageAccess = 'public' | 'private' | 'denied';

/** The image's post and whether this reader may see it ('public' may be cached by anyone). */
export async function decideImageAccess(
  db: Kysely<DB>,
  opts: {
    storageKey: string;
    signed: boolean;
    isAdmin: () => Promise<boolean>;
    reader: () => Promise<MemberAccess>;
  },
): Promise<ImageAccess | 'missing'> {
  const row = await db
    .selectFrom('post_images as i')
    .innerJoin('posts as p', 'p.id', 'i.post_id')
    .select(['p.status', 'p.visibility', 'p.tier_ids'])
    .where('i.storage_key', '=', opts.storageKey)
    .executeTakeFirst();
  if (!row) return 'missing';
  const published = row.status === 'published';
  if (published && row.visibility === 'public') return 'public';
  if (opts.signed) return 'private';
  if (await opts.isAdmin()) return 'private';
  if (published && canRead(postAudience(row), await opts.reader())) return 'private';
  return 'denied';
}
