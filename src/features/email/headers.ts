/**
 * Extra headers an email may carry (List-Unsubscribe, List-Unsubscribe-Post,
 * X-…). They are checked when queued, so a bad one fails at the caller and
 * never in the send job, and none can replace the headers the transport builds.
 */
const NAME = /^[A-Za-z][A-Za-z0-9-]{0,75}$/;

/** Built from the stored email itself; an extra header must not override them. */
const RESERVED = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'return-path',
  'received',
]);

export class InvalidEmailHeaderError extends Error {}

/**
 * Returns the headers unchanged when every name is a plain token and every
 * value printable ASCII on one line (List-* values are URLs in angle brackets;
 * MIME-encoding them would break them); throws otherwise.
 */
export function checkEmailHeaders(headers: Record<string, string> = {}): Record<string, string> {
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!NAME.test(name)) throw new InvalidEmailHeaderError(`invalid header name: ${JSON.stringify(name)}`);
    if (RESERVED.has(lower)) throw new InvalidEmailHeaderError(`header ${name} is set by the mailer`);
    if (seen.has(lower)) throw new InvalidEmailHeaderError(`header ${name} given twice`);
    seen.add(lower);
    if (typeof value !== 'string' || value.trim() === '' || value.length > 2000 || !/^[\x20-\x7e]+$/.test(value)) {
      throw new InvalidEmailHeaderError(`header ${name} needs a single line of printable ASCII`);
    }
  }
  return headers;
}

/** The stored JSON, tolerant of rows written before the check existed. */
export function parseStoredHeaders(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}
