import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Locale } from '../../web/i18n.js';
import { emailFooterLinks } from '../legal/email-footer.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { checkEmailHeaders } from './headers.js';
import { sendEmailJob } from './job-contracts.js';
import { renderEmailHtml, renderEmailText } from './render-email.js';
import { composeEmail, type TemplateData, type TemplateName } from './templates.js';

export type QueueEmailOptions<N extends TemplateName> = {
  to: string;
  locale: Locale;
  template: N;
  data: TemplateData<N>;
  /** Extra headers such as List-Unsubscribe; checked by `checkEmailHeaders`. */
  headers?: Record<string, string>;
  /** Makes queueing idempotent: the same key never yields a second email. */
  uniqueKey?: string;
  /** A calendar invitation (iCalendar text with its METHOD) sent along as text/calendar and invite.ics. */
  calendar?: string;
};

/**
 * Renders the message now (the outbox shows exactly what was sent) and stores
 * it with its send job, inside the caller's transaction (or its own, so the
 * worker never sees the job without its email).
 */
export async function queueEmail<N extends TemplateName>(
  db: Db,
  opts: QueueEmailOptions<N>,
): Promise<string | undefined> {
  if (!db.isTransaction) return db.transaction().execute((trx) => queueEmail(trx, opts));
  const headers = checkEmailHeaders(opts.headers);
  const { storeName } = await getStoreSettings(db);
  const content = composeEmail(opts.template, opts.locale, opts.data);
  const footer = await emailFooterLinks(db, opts.locale);
  const id = randomUUID();
  const jobId = await enqueueJob(
    db,
    sendEmailJob,
    { emailId: id },
    opts.uniqueKey ? { uniqueKey: `email:${opts.uniqueKey}` } : {},
  );
  if (!jobId) return undefined; // already queued under this key
  await db
    .insertInto('emails')
    .values({
      id,
      to_address: opts.to,
      subject: content.subject,
      html: renderEmailHtml(content, storeName, opts.locale, footer),
      text: renderEmailText(content, storeName, footer),
      template: opts.template,
      locale: opts.locale,
      transport: null,
      message_id: null,
      error: null,
      headers: JSON.stringify(headers),
      calendar: opts.calendar ?? null,
      created_at: isoNow(),
      sent_at: null,
    })
    .execute();
  return id;
}
