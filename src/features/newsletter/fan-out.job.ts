import { isoNow } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { type Audience, memberInAudience } from '../memberships/access.js';
import { fanOutJob, sendBatchJob } from './job-contracts.js';
import { finishIfComplete } from './send-batch.js';
import { sendTuning } from './settings.js';

/**
 * Writes one delivery row per recipient — subscribed members in the post's
 * audience (the same rule pages use) — in batches by member id, and enqueues
 * one batch job per batch. Each batch is one transaction that also moves the
 * send's cursor, so a crash resumes after the last whole batch; the primary
 * key (post_id, member_id) and the jobs' unique keys make a rerun add nothing
 * twice. Memory stays flat however many members there are.
 */
export const fanOutHandler = handleJob(fanOutJob, async ({ sendId }, { db, services, signal }) => {
  const send = await db.selectFrom('post_sends').selectAll().where('id', '=', sendId).executeTakeFirst();
  if (send?.status !== 'fanning-out') return;
  const audience = JSON.parse(send.audience) as Audience;
  const { batchSize } = sendTuning(services.config);
  const now = new Date();
  let cursor = send.fanout_cursor;
  let batch = send.batches;
  while (!signal.aborted) {
    const page = await db
      .selectFrom('members')
      .select('id')
      .where('email_status', '=', 'subscribed')
      .where(memberInAudience(audience, now))
      .$if(cursor !== null, (q) => q.where('members.id', '>', cursor as string))
      .orderBy('members.id')
      .limit(batchSize)
      .execute();
    if (page.length === 0) {
      const at = isoNow();
      await db
        .updateTable('post_sends')
        .set(
          batch === 0
            ? { status: 'done', fanned_out_at: at, finished_at: at }
            : { status: 'sending', fanned_out_at: at },
        )
        .where('id', '=', sendId)
        .where('status', '=', 'fanning-out')
        .execute();
      // Batches that ended before this point could not close the send; if they are all done, close it now.
      if (batch > 0) await finishIfComplete(services, sendId, send.post_id);
      return;
    }
    const last = page[page.length - 1]!.id;
    const moved = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('post_sends')
        .set((eb) => ({ fanout_cursor: last, batches: batch + 1, recipients: eb('recipients', '+', page.length) }))
        .where('id', '=', sendId)
        .where('batches', '=', batch)
        .where('status', '=', 'fanning-out')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false; // another run moved on: leave it to that one
      const now = isoNow();
      await trx
        .insertInto('post_deliveries')
        .values(
          page.map((m) => ({
            post_id: send.post_id,
            member_id: m.id,
            batch,
            status: 'queued' as const,
            claim: null,
            error: null,
            updated_at: now,
            sent_at: null,
          })),
        )
        .onConflict((oc) => oc.columns(['post_id', 'member_id']).doNothing())
        .execute();
      await enqueueJob(trx, sendBatchJob, { sendId, batch }, { uniqueKey: `newsletter-batch:${sendId}:${batch}` });
      return true;
    });
    if (!moved) return;
    services.nudgeWorker();
    cursor = last;
    batch += 1;
  }
});
