import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { recordAudit } from '../admin/audit.js';
import { isUniqueViolation } from '../catalog/unique-violation.js';
import { publishScheduledPostJob } from './job-contracts.js';
import type { PostInput } from './post-input.js';
import { publishPost } from './publish.js';

export type SavePostResult =
  | { kind: 'ok'; id: string; published: boolean }
  | { kind: 'slug-taken' }
  | { kind: 'not-found' };

/**
 * Creates (no id) or updates a post and applies its action: keep as draft,
 * publish now (emailing it to its audience if chosen), or schedule (a job
 * publishes it at publish_at). A published post stays published; its send,
 * once started, is never repeated.
 */
export async function savePost(
  db: Kysely<DB>,
  opts: { id?: string; input: PostInput; actor: string; now?: Date },
): Promise<SavePostResult> {
  const { input } = opts;
  const now = opts.now ?? new Date();
  try {
    return await db.transaction().execute(async (trx) => {
      const at = isoNow(now);
      const fields = {
        title: input.title,
        slug: input.slug,
        excerpt: input.excerpt,
        body_md: input.bodyMd,
        visibility: input.visibility,
        tier_ids: JSON.stringify(input.tierIds),
        send_email: input.sendEmail ? 1 : 0,
        updated_at: at,
      };
      let id = opts.id;
      let status: string;
      if (id) {
        const current = await trx.selectFrom('posts').select('status').where('id', '=', id).executeTakeFirst();
        if (!current) return { kind: 'not-found' as const };
        status = current.status;
        await trx.updateTable('posts').set(fields).where('id', '=', id).execute();
      } else {
        id = randomUUID();
        status = 'draft';
        await trx
          .insertInto('posts')
          .values({ id, ...fields, status: 'draft', publish_at: null, published_at: null, created_at: at })
          .execute();
      }
      let published = false;
      if (status !== 'published') {
        if (input.action === 'publish') {
          published = await publishPost(trx, id, now);
        } else if (input.action === 'schedule' && input.publishAt) {
          await trx
            .updateTable('posts')
            .set({ status: 'scheduled', publish_at: input.publishAt })
            .where('id', '=', id)
            .execute();
          await enqueueJob(
            trx,
            publishScheduledPostJob,
            { postId: id },
            { runAt: new Date(input.publishAt), uniqueKey: `post-publish:${id}:${input.publishAt}` },
          );
        } else if (input.action === 'draft') {
          await trx.updateTable('posts').set({ status: 'draft', publish_at: null }).where('id', '=', id).execute();
        }
      }
      await recordAudit(trx, opts.actor, opts.id ? 'post.updated' : 'post.created', { id, action: input.action });
      return { kind: 'ok' as const, id, published };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { kind: 'slug-taken' };
    throw err;
  }
}
