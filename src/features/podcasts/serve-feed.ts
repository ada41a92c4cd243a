import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { noneMatchHits } from '../delivery/http-ranges.js';

/**
 * Answering a feed cheaply: the ETag and Last-Modified come from what the
 * feed depends on (show version, feed generation and status, access state,
 * listener's name, language), so a poll that changed nothing is a 304
 * without rendering anything. Rendered bodies, plain and gzipped, are kept
 * in a small LRU keyed by that ETag.
 */

const gzip = promisify(gzipCallback);

export type FeedValidators = { etag: string; lastModified: Date };

/** A strong ETag over the parts a feed's bytes depend on. */
export function feedEtag(parts: readonly (string | number | null)[]): string {
  return `"${createHash('sha256').update(parts.map(String).join('\n')).digest('base64url').slice(0, 32)}"`;
}

/** The latest of the given times (ISO strings; nulls skipped). */
export function latest(times: readonly (string | null | undefined)[]): Date {
  const ms = times.filter((t): t is string => typeof t === 'string').map((t) => Date.parse(t));
  return new Date(Math.max(0, ...ms.filter(Number.isFinite)));
}

/** If-None-Match decides when present; else If-Modified-Since, to the second (HTTP dates have no milliseconds). */
export function feedNotModified(
  headers: { 'if-none-match'?: string | undefined; 'if-modified-since'?: string | undefined },
  v: FeedValidators,
): boolean {
  if (headers['if-none-match'] !== undefined) return noneMatchHits(headers['if-none-match'], v.etag);
  const since = headers['if-modified-since'] ? Date.parse(headers['if-modified-since']) : Number.NaN;
  if (!Number.isFinite(since)) return false;
  return Math.floor(v.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

type Body = { plain: Buffer; gzipped: Buffer };

/** The last rendered bodies by ETag; a Map keeps insertion order, so the first key is the least recently used. */
export class RenderedFeeds {
  private readonly bodies = new Map<string, Body>();
  private bytes = 0;
  constructor(private readonly maxBytes = 32 * 2 ** 20) {}

  async get(etag: string, render: () => Promise<string>): Promise<Body> {
    const hit = this.bodies.get(etag);
    if (hit) {
      this.bodies.delete(etag);
      this.bodies.set(etag, hit);
      return hit;
    }
    const plain = Buffer.from(await render(), 'utf8');
    const body = { plain, gzipped: await gzip(plain) };
    this.bodies.set(etag, body);
    this.bytes += plain.length + body.gzipped.length;
    for (const [key, old] of this.bodies) {
      if (this.bytes <= this.maxBytes || this.bodies.size <= 1) break;
      this.bodies.delete(key);
      this.bytes -= old.plain.length + old.gzipped.length;
    }
    return body;
  }
}

export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** 304 when the client has this version; else the body (gzipped when accepted), rendered at most once per ETag. */
export async function sendFeed(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { validators: FeedValidators; cacheControl: string; rendered: RenderedFeeds; render: () => Promise<string> },
) {
  const { validators } = opts;
  reply.headers({
    etag: validators.etag,
    'last-modified': validators.lastModified.toUTCString(),
    'cache-control': opts.cacheControl,
    'x-robots-tag': 'noindex',
    vary: 'Accept-Encoding',
  });
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  if (feedNotModified({ 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince }, validators)) {
    return reply.code(304).send();
  }
  const body = await opts.rendered.get(validators.etag, opts.render);
  reply.type('application/rss+xml; charset=utf-8');
  if (acceptsGzip(req.headers['accept-encoding'])) {
    return reply.header('content-encoding', 'gzip').send(body.gzipped);
  }
  return reply.send(body.plain);
}
