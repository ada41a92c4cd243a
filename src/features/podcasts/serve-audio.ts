import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { planResponse, type ResponsePlan, strongEtag } from '../delivery/http-ranges.js';
import { bucketAnswersAlike, redirectToStored } from '../storage/redirect.js';

/**
 * Enclosures as podcast apps fetch them (RFC 9110): HEAD gives the whole
 * length, a satisfiable Range always a 206 with Content-Range, an
 * unsatisfiable one 416; the bytes stream from storage, so memory stays flat
 * whatever the file's size. `onCounted` runs before streaming for a response
 * that counts (a whole GET or a range from byte 0) and never fails it.
 */

export type Servable = {
  size: number;
  /** The audio's SHA-256 when known, else something that changes with the bytes. */
  etag: string;
  type: string;
  cacheControl: string;
  body: { storageKey: string } | { buffer: Buffer };
};

export function audioEtag(ep: { id: string; audio_sha256: string | null; audio_key: string | null }): string {
  return ep.audio_sha256 ? strongEtag(ep.audio_sha256) : `"${ep.id}-${ep.audio_key ?? ''}"`;
}

export function planFor(req: FastifyRequest, file: Pick<Servable, 'size' | 'etag'>): ResponsePlan {
  const ifRange = req.headers['if-range'];
  return planResponse(
    {
      method: req.method,
      range: req.headers.range,
      ifRange: Array.isArray(ifRange) ? ifRange[0] : ifRange,
      ifNoneMatch: req.headers['if-none-match'],
    },
    file,
  );
}

export async function sendServable(
  services: Pick<Services, 'storage' | 'log'>,
  req: FastifyRequest,
  reply: FastifyReply,
  file: Servable,
  onCounted?: () => Promise<void>,
) {
  reply.headers({
    etag: file.etag,
    'cache-control': file.cacheControl,
    'accept-ranges': 'bytes',
    'x-robots-tag': 'noindex',
    'x-content-type-options': 'nosniff',
  });
  const plan = planFor(req, file);
  if (plan.kind === 'not-modified') return reply.code(304).send();
  if (plan.kind === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${file.size}`).send();
  if (plan.counts && onCounted) {
    try {
      await onCounted();
    } catch (err) {
      services.log.warn({ err, url: req.url }, 'podcast download not counted');
    }
  }
  reply.type(file.type);
  const range = plan.kind === 'partial' ? { start: plan.start, end: plan.end } : undefined;
  if (range) {
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
    reply.header('content-length', range.end - range.start + 1);
  } else {
    reply.header('content-length', file.size);
  }
  if (req.method === 'HEAD') return reply.send();
  if ('storageKey' in file.body && bucketAnswersAlike(req.headers.range, range !== undefined)) {
    // Counted above; on S3 the app fetches the bytes (and its Range) from the bucket.
    const redirected = await redirectToStored(reply, services.storage, file.body.storageKey, {
      contentType: file.type,
      cacheControl: file.cacheControl,
    });
    if (redirected) return redirected;
  }
  if ('buffer' in file.body) {
    return reply.send(range ? file.body.buffer.subarray(range.start, range.end + 1) : file.body.buffer);
  }
  return reply.send(services.storage.read(file.body.storageKey, range));
}
