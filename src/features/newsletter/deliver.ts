import { randomUUID } from 'node:crypto';
import type { Email } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import type { SentMessage } from '../email/transport.js';

export type NewsletterMessage = {
  /** Stable per post and member: `<post>.<member>` (also the Message-ID's left part). */
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  locale: string;
  headers: Record<string, string>;
};

/**
 * Hands one newsletter message to the store's transport: the pooled SMTP
 * transport (its connection count and rate are settings), or — without
 * SMTP_URL — the outbox, where the message is stored as sent so the admin can
 * read exactly what went out. Newsletter messages are not queued as `emails`
 * rows one by one: the delivery row is their state.
 */
export async function deliverMessage(services: Services, msg: NewsletterMessage): Promise<SentMessage> {
  const now = isoNow();
  const email: Email = {
    id: msg.id,
    to_address: msg.to,
    subject: msg.subject,
    html: msg.html,
    text: msg.text,
    template: 'newsletter-post',
    locale: msg.locale,
    status: 'sent',
    transport: services.mailer.kind,
    message_id: null,
    error: null,
    headers: JSON.stringify(msg.headers),
    calendar: null,
    created_at: now,
    sent_at: now,
  };
  const sent = await services.mailer.send(email, services.config.emailFrom);
  if (services.mailer.kind === 'outbox') {
    await services.database.db
      .insertInto('emails')
      .values({ ...email, id: randomUUID(), message_id: sent.messageId })
      .execute();
  }
  return sent;
}
