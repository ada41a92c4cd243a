import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, Post } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { postAudience } from '../posts/audience.js';
import { fanOutJob } from './job-contracts.js';

/**
 * The one send of a post (UNIQUE post_id: publishing again, or a rerun of the
 * scheduled publish job, adds nothing) and its fan-out job, inside the
 * transaction that publishes the post. The audience is fixed now.
 */
export async function startSend(
  trx: Transaction<DB>,
  post: Pick<Post, 'id' | 'visibility' | 'tier_ids'>,
): Promise<boolean> {
  const id = randomUUID();
  const inserted = await trx
    .insertInto('post_sends')
    .values({
      id,
      post_id: post.id,
      audience: JSON.stringify(postAudience(post)),
      status: 'fanning-out',
      fanout_cursor: null,
      created_at: isoNow(),
      fanned_out_at: null,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('post_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await enqueueJob(trx, fanOutJob, { sendId: id }, { uniqueKey: `newsletter-fanout:${id}` });
  return true;
}
