import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { Email } from '../../db/schema.js';
import { calendarMethod } from './calendar.js';

export type SentMessage = { transport: 'outbox' | 'smtp'; messageId: string };

/** Hands a stored email to its transport. */
export type Mailer = {
  kind: 'outbox' | 'smtp';
  send: (email: Email, from: string) => Promise<SentMessage>;
  /**
   * A message already in MIME form (bulk senders build it themselves, much faster than composing each
   * one); only SMTP transports have it.
   */
  sendRaw?: (envelope: { from: string; to: string }, raw: Buffer, messageId: string) => Promise<SentMessage>;
  close: () => void;
};

/** The default: the message stays in the database and is read in the admin outbox. */
export function outboxMailer(): Mailer {
  return {
    kind: 'outbox',
    send: async (email) => ({ transport: 'outbox', messageId: `<${email.id}@outbox.vielfach>` }),
    close: () => {},
  };
}

export type SmtpPoolOptions = {
  maxConnections?: number;
  /** Messages per second at most, across the pool (0 or unset: no limit). */
  ratePerSecond?: number;
};

/** Any SMTP server, through a pooled nodemailer transport (connections are reused for many messages). */
export function smtpMailer(url: string, opts: SmtpPoolOptions = {}): Mailer {
  const u = new URL(url);
  // Loaded only for SMTP: the outbox needs none of it.
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;
  const transporter = nodemailer.createTransport({
    pool: true,
    host: u.hostname,
    port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 587)),
    secure: u.protocol === 'smtps:',
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    maxConnections: opts.maxConnections ?? 5,
    maxMessages: Number.POSITIVE_INFINITY,
    ...(opts.ratePerSecond ? { rateDelta: 1000, rateLimit: opts.ratePerSecond } : {}),
    ignoreTLS: u.searchParams.get('tls') === 'off',
    tls: { rejectUnauthorized: u.searchParams.get('tls') !== 'insecure' },
  });
  return {
    kind: 'smtp',
    send: async (email, from) => {
      const info = await transporter.sendMail({
        from,
        to: email.to_address,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: JSON.parse(email.headers) as Record<string, string>,
        messageId: `<${email.id}@vielfach>`,
        // nodemailer adds it twice: a text/calendar alternative (clients show an invitation) and invite.ics.
        ...(email.calendar
          ? { icalEvent: { method: calendarMethod(email.calendar), filename: 'invite.ics', content: email.calendar } }
          : {}),
      });
      return { transport: 'smtp', messageId: info.messageId };
    },
    // The Message-ID given is the one inside `raw`; passing it spares nodemailer making one per message.
    sendRaw: async (envelope, raw, messageId) => {
      const info = await transporter.sendMail({ envelope, raw, messageId });
      return { transport: 'smtp', messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

export function createMailer(smtpUrl: string | undefined, opts: SmtpPoolOptions = {}): Mailer {
  return smtpUrl ? smtpMailer(smtpUrl, opts) : outboxMailer();
}
