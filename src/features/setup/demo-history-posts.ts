import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, Post } from '../../db/schema.js';
import { addDays } from '../analytics/time-zone.js';
import { memberInAudience } from '../memberships/access.js';
import { postAudience } from '../posts/audience.js';
import { DEMO_POST_SLUGS } from '../posts/demo.js';
import type { HistoryContext } from './demo-history-context.js';
import { insertRows } from './demo-insert.js';

const DAY_MS = 86_400_000;

/**
 * Dates the demo posts into the year (the welcome at the letter's launch,
 * the paid analysis nine days ago, the review two days ago) and records the
 * last two as sent newsletters: one send each, one delivery row per
 * recipient, chosen by the same audience rule the fan-out uses, as the
 * finished send would have left them. No email is queued: they went out then.
 */
export async function writePostHistory(
  trx: Transaction<DB>,
  ctx: HistoryContext,
  batchSize: number,
): Promise<{ recipients: number }> {
  const slugs = DEMO_POST_SLUGS[ctx.locale];
  const ago = (days: number, minute: number) => ctx.instant(addDays(ctx.today, -days), minute);
  const plan = [
    { slug: slugs.welcome, at: ctx.instant(ctx.plan.launches.membership, 9 * 60), send: false },
    { slug: slugs.analysis, at: ago(9, 7 * 60), send: true },
    { slug: slugs.review, at: ago(2, 7 * 60), send: true },
  ];
  let recipients = 0;
  for (const p of plan) {
    const post = await trx.selectFrom('posts').selectAll().where('slug', '=', p.slug).executeTakeFirst();
    if (!post) continue;
    const created = new Date(Date.parse(p.at) - DAY_MS).toISOString();
    await trx
      .updateTable('posts')
      .set({ published_at: p.at, created_at: created, updated_at: p.at, send_email: p.send ? 1 : 0 })
      .where('id', '=', post.id)
      .execute();
    if (p.send) recipients += await recordSend(trx, post, p.at, batchSize);
  }
  return { recipients };
}

async function recordSend(
  trx: Transaction<DB>,
  post: Pick<Post, 'id' | 'visibility' | 'tier_ids'>,
  at: string,
  batchSize: number,
): Promise<number> {
  const audience = postAudience(post);
  const members = await trx
    .selectFrom('members')
    .select('id')
    .where('created_at', '<=', at)
    .where((eb) => eb.or([eb('email_status', '=', 'subscribed'), eb('unsubscribed_at', '>', at)]))
    .where(memberInAudience(audience, new Date(at)))
    .orderBy('members.id')
    .execute();
  const finished = new Date(Date.parse(at) + 5 * 60_000).toISOString();
  await trx
    .insertInto('post_sends')
    .values({
      id: randomUUID(),
      post_id: post.id,
      audience: JSON.stringify(audience),
      status: 'done',
      fanout_cursor: members[members.length - 1]?.id ?? null,
      batches: Math.ceil(members.length / batchSize),
      recipients: members.length,
      created_at: at,
      fanned_out_at: at,
      finished_at: finished,
    })
    .execute();
  await insertRows(
    trx,
    'post_deliveries',
    members.map((m, n) => ({
      post_id: post.id,
      member_id: m.id,
      batch: Math.floor(n / batchSize),
      status: 'sent' as const,
      claim: null,
      error: null,
      updated_at: finished,
      sent_at: finished,
    })),
  );
  return members.length;
}
