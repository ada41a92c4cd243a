import type { FastifyReply } from 'fastify';
import type { SignedUrlOptions, Storage } from './storage.js';

/** How long a presigned URL works: long enough to start a download, too short to pass around. */
export const SIGNED_URL_SECONDS = 300;

/**
 * Whether the bucket answers the request's Range as the app planned it: no Range, or
 * one plain `bytes=a-b` / `bytes=a-` that the app serves as a range. Several ranges
 * (answered whole here), a stale If-Range or a suffix range stay with the app.
 */
export function bucketAnswersAlike(range: string | undefined, plannedAsRange: boolean): boolean {
  if (range === undefined) return true;
  return plannedAsRange && /^bytes=\d+-\d*$/i.test(range.trim());
}

/**
 * Where storage hands out presigned URLs (S3), answers with a redirect to one, so
 * the bytes (and any Range the client asks for) come from the object store; the
 * route has already checked access and counted. Undefined where the app must send
 * the bytes itself (local files). The redirect is never cached unless the caller
 * says otherwise (a public picture), and then for less than the URL's lifetime.
 */
export async function redirectToStored(
  reply: FastifyReply,
  storage: Storage,
  key: string,
  object: Omit<SignedUrlOptions, 'expiresInSeconds'> & { redirectCacheControl?: string },
): Promise<FastifyReply | undefined> {
  if (!storage.signedUrl) return undefined;
  const { redirectCacheControl, ...options } = object;
  const url = await storage.signedUrl(key, { ...options, expiresInSeconds: SIGNED_URL_SECONDS });
  // The bytes' own headers belong to the bucket's answer, not to the redirect.
  reply.removeHeader('content-length');
  reply.removeHeader('content-range');
  return reply.header('cache-control', redirectCacheControl ?? 'private, no-store').redirect(url, 302);
}
