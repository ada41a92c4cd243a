/**
 * Test helpers: a real SMTP receiver on 127.0.0.1 and just enough of a MIME
 * reader to check what arrived (headers, RFC 2047 words, multipart bodies).
 */
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMessage = { from: string; to: string[]; raw: Buffer };

export type SmtpReceiver = {
  port: number;
  messages: ReceivedMessage[];
  /** While set, every recipient is refused with a temporary 451 (as when greylisted). */
  refuse: boolean;
  close: () => Promise<void>;
};

export async function startSmtpReceiver(port = 0): Promise<SmtpReceiver> {
  const receiver: SmtpReceiver = { port, messages: [], refuse: false, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200, // a pooled client may still hold an idle connection
    onRcptTo(_address, _session, cb) {
      if (!receiver.refuse) return cb();
      cb(Object.assign(new Error('Greylisted, try again later'), { responseCode: 451 }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        receiver.messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  receiver.port = typeof address === 'object' && address ? address.port : port;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** A port nothing listens on (taken from the OS, then released). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  const address = srv.address();
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

export type MimePart = { headers: Map<string, string>; body: string };
export type ParsedMessage = MimePart & { parts: MimePart[] };

/** Headers (unfolded, encoded words decoded; first value per name, lower-cased names) and leaf parts, decoded. */
export function parseMessage(raw: Buffer): ParsedMessage {
  const root = parsePart(raw.toString('latin1'));
  return { ...root, parts: leafParts(root) };
}

type RawPart = { headers: Map<string, string>; rawBody: string; body: string };

function parsePart(text: string): RawPart {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const rawBody = split < 0 ? '' : text.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, rawBody, body: decodeBody(rawBody, headers.get('content-transfer-encoding')) };
}

function leafParts(part: RawPart): MimePart[] {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [{ headers: part.headers, body: part.body }];
  const sections = part.rawBody.split(`--${boundary}`).slice(1);
  return sections
    .filter((s) => !s.startsWith('--'))
    .flatMap((s) => leafParts(parsePart(s.replace(/^\r\n/, '').replace(/\r\n$/, ''))));
}

function decodeBody(body: string, encoding = '7bit'): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return qpBytes(body.replace(/=\r\n/g, '')).toString('utf8');
  return Buffer.from(body, 'latin1').toString('utf8');
}

function qpBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else out.push(s.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

/** RFC 2047: `=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=`; adjacent words are joined before decoding. */
function decodeWords(value: string): string {
  const joined = Buffer.from(value, 'latin1')
    .toString('utf8')
    .replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/(?:=\?[^?]+\?[QqBb]\?[^?]*\?=)+/g, (run) => {
    const bytes: Buffer[] = [];
    for (const [, , enc, text = ''] of run.matchAll(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g)) {
      bytes.push(enc?.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qpBytes(text.replace(/_/g, ' ')));
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}
