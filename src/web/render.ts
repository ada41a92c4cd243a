import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A page as an HTML document; every text and attribute is escaped. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Renders a page and sends it as HTML. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderPage(page));
}

const LOCAL_ORIGIN = 'http://local.invalid';
// C0 and C1 control characters, DEL and the backslash: browsers drop tabs and
// newlines from URLs and read a backslash as a slash, so `/\t/host` and `/\host`
// would leave the site; CR/LF must never reach a header.
const UNSAFE_CHAR = /[\p{Cc}\\]/u;

function isPlainLocal(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !UNSAFE_CHAR.test(path);
}

/**
 * Only same-site paths, so a `back`/`next` parameter cannot redirect elsewhere.
 * The value is checked as given and once more percent-decoded, then resolved
 * the way a browser resolves a Location header; the answer is that resolved
 * path (percent-encoded, so it is always a valid header value), or `fallback`.
 */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000 || !isPlainLocal(value)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  if (!isPlainLocal(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(value, LOCAL_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a new leading `//` (`/.//host`).
  return isPlainLocal(path) ? path : fallback;
}
