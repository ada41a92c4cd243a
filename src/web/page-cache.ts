import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { VNode } from 'preact';
import type { Database } from '../db/database.js';
import { clearSettingsCache, getStoreSettings, type StoreSettings } from '../features/settings/store-settings.js';
import type { Services } from '../services.js';
import { type PageContext, resolveLocale } from './context.js';
import { acceptsGzip, type GzipPiece, gzipOf, gzipPiece } from './gzip-pieces.js';
import type { Locale } from './i18n.js';
import { translator } from './messages.js';
import { CSRF_COOKIE, newVisitorCsrfToken } from './new-visitor-csrf.js';
import { renderPage } from './render.js';

/**
 * Public pages rendered once and served from memory until what they show changes.
 *
 * What a page shows for every visitor is rendered once per key (page, its parameters, the
 * visitor's language and what else the route names) and kept with the content version it was
 * rendered at: a counter the database moves on with every write to the tables the pages read
 * (migration 0022, triggers), plus the hour, for what depends on the date (VAT rates, the turnover
 * year). Each request reads the counter (one point read) before anything else, so a page rendered
 * from older data is never served after a change has committed — in this process or another.
 *
 * What differs per visitor is never in the stored page: the CSRF token (only where a form is) and
 * the path the language switch returns to are slots, filled per request. Routes send visitors
 * with something of their own (a signed-in reader) past the cache.
 */

// Random per process, so no product text or post can contain a slot by chance.
const NONCE = randomBytes(12).toString('hex');
const CSRF_SLOT = `vfcsrf${NONCE}`;
const PATH_SLOT = `vfpath${NONCE}`;
const SLOT = new RegExp(`(${CSRF_SLOT}|${PATH_SLOT})`);
type Slot = 'csrf' | 'path';

type Entry = {
  version: string;
  pieces: (Buffer | Slot)[];
  /** The same pieces for a gzip answer (gzip-pieces.ts). */
  gzip: (GzipPiece | Slot)[];
  bytes: number;
  meta: unknown;
};
type Rendered<M> = { page: VNode; meta: M };

/** Reads the counter; SQLite directly on Kysely's connection unless a transaction is open on it. */
export async function readContentVersion(database: Database): Promise<number> {
  const { sqlite } = database;
  if (sqlite && !sqlite.inTransaction) {
    return (sqlite.prepare('SELECT version FROM content_version WHERE id = 1').get() as { version: number }).version;
  }
  const { rows } = await sql<{ version: number }>`SELECT version FROM content_version WHERE id = 1`.execute(
    database.db,
  );
  return Number(rows[0]?.version);
}

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #filling = new Map<string, Promise<Entry | undefined>>();
  #bytes = 0;
  #version = '';
  #reading: Promise<number> | undefined;

  constructor(
    private readonly database: Database,
    private readonly maxBytes = 16 * 2 ** 20,
  ) {}

  /** The current content version; when it moved, every kept page and the settings memo go. */
  async version(now = Date.now()): Promise<string> {
    const version = `${await this.#readVersion()}.${Math.floor(now / 3_600_000)}`;
    if (version !== this.#version) {
      this.#version = version;
      this.#entries.clear();
      this.#bytes = 0;
      clearSettingsCache();
    }
    return version;
  }

  /**
   * One read for the requests that arrived together: it starts on the event loop's next turn, so
   * after every request that shares it had arrived — each still sees what was committed before it.
   */
  #readVersion(): Promise<number> {
    this.#reading ??= new Promise((resolve, reject) =>
      setImmediate(() => {
        this.#reading = undefined;
        readContentVersion(this.database).then(resolve, reject);
      }),
    );
    return this.#reading;
  }

  /** The page kept under `key` at `version`, else rendered once (concurrent misses wait for one render). */
  async get(key: string, version: string, render: () => Promise<Rendered<unknown> | undefined>) {
    const hit = this.#entries.get(key);
    if (hit?.version === version) return hit;
    const filling = `${version}\n${key}`;
    let pending = this.#filling.get(filling);
    if (!pending) {
      pending = render()
        .then((r) => r && this.#keep(key, version, r))
        .finally(() => this.#filling.delete(filling));
      this.#filling.set(filling, pending);
    }
    return pending;
  }

  #keep(key: string, version: string, r: Rendered<unknown>): Entry {
    const pieces = renderPage(r.page)
      .split(SLOT)
      .map((p) => (p === CSRF_SLOT ? 'csrf' : p === PATH_SLOT ? 'path' : Buffer.from(p)));
    const gzip = pieces.map((p) => (typeof p === 'string' ? p : gzipPiece(p)));
    const bytes =
      pieces.reduce((n, p) => n + (typeof p === 'string' ? 0 : p.length), 0) +
      gzip.reduce((n, p) => n + (typeof p === 'string' ? 0 : p.deflated.length), 0);
    const entry: Entry = { version, pieces, gzip, bytes, meta: r.meta };
    // Rendered from data older than a change seen meanwhile: served this once, not kept.
    if (version !== this.#version) return entry;
    const old = this.#entries.get(key);
    if (old) this.#bytes -= old.bytes;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#bytes += bytes;
    // Oldest first: a Map iterates in insertion order.
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= e.bytes;
    }
    return entry;
  }

  get size(): number {
    return this.#entries.size;
  }
}

const caches = new WeakMap<Database, PageCache>();

export function pageCacheOf(database: Database): PageCache {
  let cache = caches.get(database);
  if (!cache) {
    cache = new PageCache(database);
    caches.set(database, cache);
  }
  return cache;
}

/** The context a cached page is rendered with: no visitor, slots for the token and the path. */
function slottedContext(settings: StoreSettings, locale: Locale): PageContext {
  return {
    locale,
    t: translator(locale),
    csrfToken: CSRF_SLOT,
    storeName: settings.storeName,
    timeZone: settings.timeZone,
    path: PATH_SLOT,
  };
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
};
const NEEDS_ESCAPE = /[&"'<>]/;
const escapeAttribute = (s: string) =>
  NEEDS_ESCAPE.test(s) ? s.replace(/[&"'<>]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c) : s;

/**
 * The visitor's CSRF token: a visitor without a secret cookie (nearly every request to a public
 * page) gets a new secret and token made in one go (new-visitor-csrf.ts); one who has a cookie gets
 * the plugin's `generateCsrf()`, which checks the cookie's signature and makes a new secret for a
 * bad one.
 */
function csrfToken(req: FastifyRequest, reply: FastifyReply, cookie: CookieKeys): string {
  return req.cookies[CSRF_COOKIE] ? reply.generateCsrf() : newVisitorCsrfToken(reply, cookie);
}

/** How cookies are signed and sent (app.ts registers the plugins with these). */
type CookieKeys = { key: string; secure: boolean };

function send(req: FastifyRequest, reply: FastifyReply, entry: Entry, cookie: CookieKeys): FastifyReply {
  let token: Buffer | undefined;
  const fill = (slot: Slot) => {
    // One token per answer: a second one for a visitor without a secret would make a new secret.
    if (slot === 'csrf') {
      token ??= Buffer.from(escapeAttribute(csrfToken(req, reply, cookie)));
      return token;
    }
    return Buffer.from(escapeAttribute(encodeURIComponent(req.url)));
  };
  reply
    .status(200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('vary', 'accept-encoding');
  // Compressed once when kept; per request only the slots are added (a third of the bytes to send).
  if (acceptsGzip(req.headers['accept-encoding'])) {
    return reply
      .header('content-encoding', 'gzip')
      .send(gzipOf(entry.gzip.map((p) => (typeof p === 'string' ? fill(p) : p))));
  }
  const pieces = entry.pieces.map((p) => (typeof p === 'string' ? fill(p) : p));
  return reply.send(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces as Buffer[]));
}

/** A kept page, ready to send with this request's token and path. */
export type CachedPage<M> = { meta: M; send: (reply: FastifyReply) => FastifyReply };

/**
 * The public page `key` (without the language: added here) from the cache, rendered with `render`
 * when the content changed; `render` answers undefined for "no such page" (nothing is kept then).
 * `meta` is what `render` gave with the page (e.g. the product's id).
 */
export async function cachedPage<M>(
  services: Services,
  req: FastifyRequest,
  key: string,
  render: (ctx: PageContext) => Promise<Rendered<M> | undefined>,
): Promise<CachedPage<M> | undefined> {
  const { database } = services;
  const cache = pageCacheOf(database);
  const version = await cache.version();
  const locale = resolveLocale(req, (await getStoreSettings(database.db)).locale);
  const entry = await cache.get(`${locale}\n${key}`, version, async () => {
    // Read afresh: a memo filled by a request that began before the change must not be rendered.
    clearSettingsCache();
    return render(slottedContext(await getStoreSettings(database.db), locale));
  });
  if (!entry) return undefined;
  const cookie = { key: services.config.sessionSecret, secure: services.config.secureCookies };
  return { meta: entry.meta as M, send: (reply) => send(req, reply, entry, cookie) };
}

/** `cachedPage` sent at once; false when `render` found no such page (nothing was sent). */
export async function sendCachedPage(
  services: Services,
  req: FastifyRequest,
  reply: FastifyReply,
  key: string,
  render: (ctx: PageContext) => Promise<Rendered<undefined> | undefined>,
): Promise<boolean> {
  const page = await cachedPage(services, req, key, render);
  page?.send(reply);
  return page !== undefined;
}
