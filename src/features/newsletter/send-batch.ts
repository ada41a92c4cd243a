import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DeliveryStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { isLocale, type Locale } from '../../web/i18n.js';
import { emailFooterLinks } from '../legal/email-footer.js';
import { signImagePath } from '../posts/image-access.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { deliverMessage } from './deliver.js';
import { buildMime, compileMimeTemplate, envelopeAddress, type MimeTemplate } from './mime.js';
import { greetingFor, type NewsletterTemplate, personalise, renderNewsletterTemplate } from './newsletter-email.js';
import { sendTuning } from './settings.js';
import { listUnsubscribeHeaders, unsubscribePath } from './unsubscribe-links.js';

/** A message refused this often for temporary reasons is given up. */
export const MAX_DELIVERY_ATTEMPTS = 3;
export const INTERRUPTED = 'interrupted while handing over; not sent again so that nobody gets it twice';

export type BatchResult = { sent: number; failed: number; bounced: number; retry: number; unknown: number };

type Recipient = { member_id: string; email: string; name: string; locale: string; attempts: number };

/**
 * Sends one batch of a post's deliveries, at most once per recipient:
 *
 * 1. Rows still 'sending' belong to a run that died (or lost its lease) after
 *    claiming them — they may have been handed to SMTP, so they become
 *    'unknown' and are never sent again. At most once is the deliberate
 *    choice: a missing newsletter is better than a duplicate, and at most
 *    `claimSize` recipients per crashed lane are affected.
 * 2. Every other row is claimed in small groups by a guarded UPDATE (queued →
 *    sending, with this run's token), handed to the transport, then marked
 *    'sent' (or 'bounced' on a permanent refusal, or back to 'queued' for a
 *    temporary one, until MAX_DELIVERY_ATTEMPTS).
 *
 * `signal` stops claiming new groups (the job lost its lease); messages in
 * flight still finish and are recorded.
 */
export async function sendBatch(
  services: Services,
  opts: { sendId: string; batch: number; signal?: AbortSignal; finalAttempt?: boolean },
): Promise<BatchResult> {
  const { db } = services.database;
  const result: BatchResult = { sent: 0, failed: 0, bounced: 0, retry: 0, unknown: 0 };
  const send = await db
    .selectFrom('post_sends')
    .select(['id', 'post_id'])
    .where('id', '=', opts.sendId)
    .executeTakeFirst();
  if (!send) return result;
  const post = await db.selectFrom('posts').selectAll().where('id', '=', send.post_id).executeTakeFirstOrThrow();
  const inBatch = () =>
    db.updateTable('post_deliveries').where('post_id', '=', send.post_id).where('batch', '=', opts.batch);
  /** Rows by member: the primary key (post_id, member_id) finds them directly. */
  const rowsOf = (memberIds: string[]) =>
    db.updateTable('post_deliveries').where('post_id', '=', send.post_id).where('member_id', 'in', memberIds);

  const recovered = await inBatch()
    .set({ status: 'unknown', error: INTERRUPTED, updated_at: isoNow() })
    .where('status', '=', 'sending')
    .executeTakeFirst();
  result.unknown = Number(recovered.numUpdatedRows);

  const all = await db
    .selectFrom('post_deliveries as d')
    .innerJoin('members as m', 'm.id', 'd.member_id')
    .select(['d.member_id', 'm.email', 'm.name', 'm.locale', 'd.attempts', 'm.email_status'])
    .where('d.post_id', '=', send.post_id)
    .where('d.batch', '=', opts.batch)
    .where('d.status', '=', 'queued')
    .orderBy('d.member_id')
    .execute();
  // Unsubscribed (or bounced) since the fan-out: not sent.
  const gone = all.filter((r) => r.email_status !== 'subscribed').map((r) => r.member_id);
  if (gone.length) await markQueued(gone, 'failed', 'unsubscribed before sending');
  const rows: Recipient[] = all.filter((r) => r.email_status === 'subscribed');

  async function markQueued(ids: string[], status: DeliveryStatus, error: string) {
    await inBatch()
      .set({ status, error, updated_at: isoNow() })
      .where('member_id', 'in', ids)
      .where('status', '=', 'queued')
      .execute();
    result.failed += ids.length;
  }

  const { storeName } = await getStoreSettings(db);
  const { publicUrl, sessionSecret } = services.config;
  const templates = new Map<Locale, { tpl: NewsletterTemplate; mime: MimeTemplate }>();
  const templateFor = async (locale: Locale) => {
    let entry = templates.get(locale);
    if (!entry) {
      const footer = await emailFooterLinks(db, locale);
      const signImage = post.visibility === 'public' ? undefined : (path: string) => signImagePath(sessionSecret, path);
      const tpl = renderNewsletterTemplate({ post, locale, storeName, publicUrl, footer, signImage });
      entry = { tpl, mime: compileMimeTemplate(tpl, services.config.emailFrom) };
      templates.set(locale, entry);
    }
    return entry;
  };
  const sendRaw = services.mailer.sendRaw;
  const envelopeFrom = envelopeAddress(services.config.emailFrom);

  /** SMTP: the pre-encoded MIME message; the outbox: the rendered copy, stored as sent. */
  const deliver = async (r: Recipient) => {
    const locale = isLocale(r.locale) ? r.locale : 'en';
    const unsubscribeUrl = `${publicUrl}${unsubscribePath(sessionSecret, r.member_id)}`;
    const headers = listUnsubscribeHeaders(publicUrl, sessionSecret, r.member_id);
    const { tpl, mime } = await templateFor(locale);
    const messageId = `${post.id}.${r.member_id}@vielfach`;
    if (sendRaw) {
      const greeting = greetingFor(locale, r.name);
      const raw = buildMime(mime, {
        to: r.email,
        messageId,
        greetingHtml: greeting.html,
        greetingText: greeting.text,
        unsubscribeUrl,
        headers,
        date: new Date(),
      });
      return sendRaw({ from: envelopeFrom, to: r.email }, raw, `<${messageId}>`);
    }
    const copy = personalise(tpl, { name: r.name, unsubscribeUrl });
    return deliverMessage(services, {
      id: `${post.id}.${r.member_id}`,
      to: r.email,
      subject: post.title,
      html: copy.html,
      text: copy.text,
      locale,
      headers,
    });
  };

  const { claimSize, lanes } = sendTuning(services.config);
  const token = randomUUID();
  let next = 0;
  const lane = async () => {
    while (!opts.signal?.aborted && next < rows.length) {
      const group = rows.slice(next, next + claimSize);
      next += group.length;
      const claimed = await rowsOf(group.map((r) => r.member_id))
        .set((eb) => ({ status: 'sending', claim: token, attempts: eb('attempts', '+', 1), updated_at: isoNow() }))
        .where('status', '=', 'queued')
        .returning('member_id')
        .execute();
      const mine = new Set(claimed.map((c) => c.member_id));
      const outcomes = await Promise.all(
        group
          .filter((r) => mine.has(r.member_id))
          .map(async (r) => {
            try {
              await deliver(r);
              return { r, ok: true as const };
            } catch (err) {
              return { r, ok: false as const, err: err as Error & { responseCode?: number } };
            }
          }),
      );
      const sent = outcomes.filter((o) => o.ok).map((o) => o.r.member_id);
      if (sent.length) {
        await rowsOf(sent)
          .set({ status: 'sent', sent_at: isoNow(), updated_at: isoNow(), error: null })
          .where('claim', '=', token)
          .where('status', 'in', ['sending', 'unknown'])
          .execute();
        result.sent += sent.length;
      }
      for (const o of outcomes) if (!o.ok) await recordFailure(o.r, o.err);
    }
  };

  async function recordFailure(r: Recipient, err: Error & { responseCode?: number }) {
    const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
    const giveUp = permanent || r.attempts + 1 >= MAX_DELIVERY_ATTEMPTS || opts.finalAttempt === true;
    const status: DeliveryStatus = permanent ? 'bounced' : giveUp ? 'failed' : 'queued';
    await rowsOf([r.member_id])
      .set({ status, claim: null, error: err.message.slice(0, 500), updated_at: isoNow() })
      .where('claim', '=', token)
      .where('status', '=', 'sending')
      .execute();
    if (permanent) {
      result.bounced++;
      await db
        .updateTable('members')
        .set({ email_status: 'bounced', updated_at: isoNow() })
        .where('id', '=', r.member_id)
        .where('email_status', '=', 'subscribed')
        .execute();
    } else if (giveUp) result.failed++;
    else result.retry++;
  }

  await Promise.all(Array.from({ length: lanes }, lane));
  await finishIfComplete(services, send.id, send.post_id);
  return result;
}

/** The send is done once it is fanned out and no row of it is queued or being sent. */
export async function finishIfComplete(services: Services, sendId: string, postId: string): Promise<void> {
  const { db } = services.database;
  const open = await db
    .selectFrom('post_deliveries')
    .select(sql<number>`1`.as('one'))
    .where('post_id', '=', postId)
    .where('status', 'in', ['queued', 'sending'])
    .limit(1)
    .executeTakeFirst();
  if (open) return;
  await db
    .updateTable('post_sends')
    .set({ status: 'done', finished_at: isoNow() })
    .where('id', '=', sendId)
    .where('status', '=', 'sending')
    .execute();
}
