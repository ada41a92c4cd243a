import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as MimeFuncs from 'nodemailer/lib/mime-funcs/index.js';
import type * as Qp from 'nodemailer/lib/qp/index.js';
import { GREETING, type NewsletterTemplate, UNSUBSCRIBE } from './newsletter-email.js';

// nodemailer's encoders load with the first newsletter built, not at start.
const load = createRequire(import.meta.url);
let encoders: { mime: typeof MimeFuncs; qp: typeof Qp } | undefined;
const lib = () =>
  (encoders ??= {
    mime: load('nodemailer/lib/mime-funcs/index.js') as typeof MimeFuncs,
    qp: load('nodemailer/lib/qp/index.js') as typeof Qp,
  });

/**
 * The MIME message of a newsletter, built once per send and language and
 * filled in per recipient by joining pre-encoded pieces — so a send of
 * 100,000 messages does not run a MIME composer 100,000 times (that was most
 * of the CPU time per message; see the bench).
 *
 * Both bodies are quoted-printable. The static pieces between the
 * placeholders are encoded once; each piece, and each recipient's values,
 * end with a soft line break (`=` CRLF), which QP allows anywhere, so the
 * pieces can simply be concatenated and every line stays within 76 characters.
 */
export type MimeTemplate = { head: string; text: Piece[]; html: Piece[]; boundary: string };
type Piece = string | typeof GREETING | typeof UNSUBSCRIBE;

const SPLIT = new RegExp(`(${GREETING}|${UNSUBSCRIBE})`);

function qp(value: string): string {
  return `${lib().qp.wrap(lib().qp.encode(value.replace(/\r?\n/g, '\r\n')), 76)}=\r\n`;
}

function pieces(body: string): Piece[] {
  return body.split(SPLIT).map((part) => (part === GREETING || part === UNSUBSCRIBE ? part : qp(part)));
}

/** `Name <address>` with a non-ASCII name as encoded words; the address as it is. */
function mailbox(value: string): string {
  const m = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(value);
  if (!m) return value.trim();
  const name = m[1]?.replace(/^"|"$/g, '') ?? '';
  if (!name) return `<${m[2]}>`;
  const safe = /^[\x20-\x7e]*$/.test(name)
    ? `"${name.replace(/["\\]/g, '\\$&')}"`
    : lib().mime.encodeWords(name, 'B', 52);
  return `${safe} <${m[2]}>`;
}

/** The bare address of `Name <address>` (the SMTP envelope sender). */
export function envelopeAddress(from: string): string {
  return /<([^<>\s]+)>/.exec(from)?.[1] ?? from.trim();
}

export function compileMimeTemplate(tpl: NewsletterTemplate, from: string): MimeTemplate {
  const boundary = `vf-${randomUUID()}`;
  const subject = /^[\x20-\x7e]*$/.test(tpl.subject) ? tpl.subject : lib().mime.encodeWords(tpl.subject, 'B', 52);
  const head = [`From: ${mailbox(from)}`, `Subject: ${subject}`, 'MIME-Version: 1.0'].join('\r\n');
  return { head, text: pieces(tpl.text), html: pieces(tpl.html), boundary };
}

export type Recipient = {
  to: string;
  messageId: string;
  /** HTML-escaped and plain greeting. */
  greetingHtml: string;
  greetingText: string;
  unsubscribeUrl: string;
  headers: Record<string, string>;
  date: Date;
};

function fill(list: Piece[], greeting: string, unsubscribe: string): string {
  let out = '';
  for (const p of list) out += p === GREETING ? qp(greeting) : p === UNSUBSCRIBE ? unsubscribe : p;
  return out;
}

/** One recipient's complete message (CRLF line ends, 7-bit clean). */
export function buildMime(tpl: MimeTemplate, r: Recipient): Buffer {
  // The URL is plain ASCII without '=' runs that QP would need to escape? It has one ('?s='): encode it.
  const unsubscribe = qp(r.unsubscribeUrl);
  const extra = Object.entries(r.headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  const b = tpl.boundary;
  const message =
    `${tpl.head}\r\nTo: ${r.to}\r\nDate: ${r.date.toUTCString().replace('GMT', '+0000')}\r\nMessage-ID: <${r.messageId}>\r\n` +
    `${extra ? `${extra}\r\n` : ''}Content-Type: multipart/alternative; boundary="${b}"\r\n\r\n` +
    `--${b}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n` +
    `${fill(tpl.text, r.greetingText, unsubscribe)}\r\n` +
    `--${b}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n` +
    `${fill(tpl.html, r.greetingHtml, unsubscribe)}\r\n` +
    `--${b}--\r\n`;
  return Buffer.from(message, 'latin1');
}
