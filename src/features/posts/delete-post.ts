import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { recordAudit } from '../admin/audit.js';
import { removePostImagesJob } from './job-contracts.js';

export type DeleteResult = 'ok' | 'not-draft' | 'sending' | 'not-found';

/**
 * Deletes a draft (never published, or unpublished) with its images, its
 * finished send and that send's delivery rows. A published or scheduled post
 * must be unpublished first, and a post whose newsletter is still going out
 * waits until the send is done. The image files are removed by a job after
 * the commit.
 */
export async function deletePost(db: Kysely<DB>, opts: { id: string; actor: string }): Promise<DeleteResult> {
  return db.transaction().execute(async (trx) => {
    const post = await trx
      .selectFrom('posts')
      .select(['id', 'status', 'title'])
      .where('id', '=', opts.id)
      .executeTakeFirst();
    if (!post) return 'not-found';
    if (post.status !== 'draft') return 'not-draft';
    const send = await trx.selectFrom('post_sends').select('status').where('post_id', '=', opts.id).executeTakeFirst();
    if (send && send.status !== 'done') return 'sending';
    // The guarded UPDATE decides (and holds the row): a post published or scheduled meanwhile is kept.
    const held = await trx
      .updateTable('posts')
      .set({ updated_at: isoNow() })
      .where('id', '=', opts.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(held.numUpdatedRows) === 0) return 'not-draft';
    const images = await trx.selectFrom('post_images').select('storage_key').where('post_id', '=', opts.id).execute();
    await trx.deleteFrom('post_deliveries').where('post_id', '=', opts.id).execute();
    await trx.deleteFrom('post_sends').where('post_id', '=', opts.id).execute();
    await trx.deleteFrom('post_images').where('post_id', '=', opts.id).execute();
    await trx.deleteFrom('posts').where('id', '=', opts.id).execute();
    if (images.length > 0) {
      await enqueueJob(trx, removePostImagesJob, { keys: images.map((i) => i.storage_key) });
    }
    await recordAudit(trx, opts.actor, 'post.deleted', { id: opts.id, title: post.title });
    return 'ok';
  });
}
