import { isoNow } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { sendEmailJob } from './job-contracts.js';

/** An email the job may hand over: a new one, or one whose job died and an admin retried. */
const SENDABLE = ['queued', 'failed'] as const;

/**
 * Hands one stored email to the transport. Only a `queued` (or retried
 * `failed`) email is sent, and it is marked `sent` right after, so running the
 * job again does not send it twice. The job runner's claim keeps two workers
 * off the same job; the stable Message-ID lets receivers drop the rare
 * duplicate a crash between hand-over and marking could cause.
 *
 * A failed hand-over keeps the email `queued` and rethrows, so the runner
 * retries with backoff; after the last attempt the email is `failed`.
 */
export const sendEmailHandler = handleJob(sendEmailJob, async ({ emailId }, { db, services, job, signal }) => {
  const email = await db.selectFrom('emails').selectAll().where('id', '=', emailId).executeTakeFirst();
  if (!email || !(SENDABLE as readonly string[]).includes(email.status)) return;
  if (signal.aborted) return; // another worker owns the job now and sends it
  try {
    const sent = await services.mailer.send(email, services.config.emailFrom);
    await db
      .updateTable('emails')
      .set({ status: 'sent', transport: sent.transport, message_id: sent.messageId, sent_at: isoNow(), error: null })
      .where('id', '=', emailId)
      .where('status', 'in', SENDABLE)
      .execute();
  } catch (err) {
    const lastAttempt = job.attempts >= job.max_attempts;
    await db
      .updateTable('emails')
      .set({ error: (err as Error).message.slice(0, 2000), status: lastAttempt ? 'failed' : 'queued' })
      .where('id', '=', emailId)
      .where('status', 'in', SENDABLE)
      .execute();
    throw err;
  }
});
