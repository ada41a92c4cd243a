import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { detectCoverFormat, loadSharp } from '../catalog/cover-image.js';
import { readCapped, type Upload } from '../catalog/multipart.js';
import type { Storage } from '../storage/storage.js';

export const POST_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const WIDTH = 1400;

export type UploadImageResult =
  | { kind: 'ok'; path: string }
  | { kind: 'missing' }
  | { kind: 'too-large' }
  | { kind: 'not-image' }
  | { kind: 'not-found' };

/** `/media/posts/<id>.webp` for a stored image key `post-images/<id>`. */
export function postImagePath(storageKey: string): string {
  return `/media/posts/${storageKey.slice('post-images/'.length)}.webp`;
}

/**
 * An image for a post: JPEG, PNG, WebP or GIF by its content (never by its
 * name), at most 10 MB, re-encoded as WebP (which also drops metadata and
 * anything hidden in the file) and stored; nothing is kept for a refused file.
 */
export async function uploadPostImage(opts: {
  db: Kysely<DB>;
  storage: Storage;
  postId: string;
  upload: Upload | undefined;
}): Promise<UploadImageResult> {
  if (!opts.upload) return { kind: 'missing' };
  const bytes = await readCapped(opts.upload.stream, POST_IMAGE_MAX_BYTES);
  if (!bytes) return { kind: 'too-large' };
  if (bytes.length === 0) return { kind: 'missing' };
  if (!(await detectCoverFormat(bytes))) return { kind: 'not-image' };
  const post = await opts.db.selectFrom('posts').select('id').where('id', '=', opts.postId).executeTakeFirst();
  if (!post) return { kind: 'not-found' };
  const sharp = await loadSharp();
  const webp = await sharp(bytes, { limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width: WIDTH, withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
  const stored = await opts.storage.put(Readable.from([webp]), { prefix: 'post-images' });
  await opts.db
    .insertInto('post_images')
    .values({
      id: randomUUID(),
      post_id: post.id,
      storage_key: stored.key,
      size_bytes: stored.sizeBytes,
      created_at: isoNow(),
    })
    .execute();
  return { kind: 'ok', path: postImagePath(stored.key) };
}
