import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { startSend } from '../newsletter/start-send.js';

/**
 * Publishes a draft or scheduled post (guarded: a published post is not
 * published again) and, when it is to be emailed, starts its one send.
 * Returns whether this call published it.
 */
export async function publishPost(trx: Transaction<DB>, postId: string, now: Date): Promise<boolean> {
  const at = isoNow(now);
  const post = await trx
    .updateTable('posts')
    .set({ status: 'published', published_at: at, updated_at: at })
    .where('id', '=', postId)
    .where('status', '!=', 'published')
    .returning(['id', 'visibility', 'tier_ids', 'send_email'])
    .executeTakeFirst();
  if (!post) return false;
  if (post.send_email) await startSend(trx, post);
  return true;
}
