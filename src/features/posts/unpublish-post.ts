import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';

export type UnpublishResult = 'ok' | 'not-published' | 'not-found';

/**
 * A published or scheduled post goes back to draft (one guarded UPDATE): its
 * page, archive entry and feed item are gone at once, and a scheduled
 * publication is cancelled (its job finds the post no longer 'scheduled' and
 * does nothing; the pending job row is removed as well). A newsletter already
 * being sent is not recalled, and publishing again never sends it twice (one
 * send per post).
 */
export async function unpublishPost(
  db: Kysely<DB>,
  opts: { id: string; actor: string; now?: Date },
): Promise<UnpublishResult> {
  return db.transaction().execute(async (trx) => {
    const at = isoNow(opts.now);
    const row = await trx
      .updateTable('posts')
      .set({ status: 'draft', publish_at: null, published_at: null, updated_at: at })
      .where('id', '=', opts.id)
      .where('status', 'in', ['published', 'scheduled'])
      .returning(['id'])
      .executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom('posts').select('id').where('id', '=', opts.id).executeTakeFirst();
      return exists ? 'not-published' : 'not-found';
    }
    await trx
      .deleteFrom('jobs')
      .where('kind', '=', 'posts.publish-scheduled')
      .where('unique_key', 'like', `post-publish:${opts.id}:%`)
      .where('status', '=', 'pending')
      .execute();
    await recordAudit(trx, opts.actor, 'post.unpublished', { id: opts.id });
    return 'ok';
  });
}
