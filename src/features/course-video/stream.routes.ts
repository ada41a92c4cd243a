import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { forbidden, notFound } from '../../web/errors.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { parseRange } from '../delivery/http-ranges.js';
import { bucketAnswersAlike, redirectToStored } from '../storage/redirect.js';
import { findPlaylist, listCaptions, listRenditions } from './queries.js';
import { masterPlaylist, type ServableVideo, videoAccess } from './video-access.js';

const base = {
  videoId: z.uuid(),
  token: z.string().regex(/^[A-Za-z0-9_-]{71}$/),
};
const baseParams = z.object(base);
const renditionParams = z.object({ ...base, rendition: z.string().regex(/^\d{2,4}p$/) });
const segmentParams = z.object({ ...renditionParams.shape, segment: z.string().regex(/^[0-9a-f-]{36}\.ts$/) });
const captionParams = z.object({ ...base, file: z.string().regex(/^[a-z]{2,3}\.vtt$/) });

const PLAYLIST = 'application/vnd.apple.mpegurl';
// Playlists and the key are never cached: access is re-checked each time. Segments are useless without the key.
const NO_STORE = 'private, no-store';

const hlsFile = createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.js');

/** The video objects under /v/<video>/<token>/…: each request re-checks the viewer's access. */
export function registerVideoStreamRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  const allowed = async (req: FastifyRequest, params: { videoId: string; token: string }): Promise<ServableVideo> => {
    const access = await videoAccess(services, { ...params, adminCookie: req.cookies[SESSION_COOKIE] });
    if (access.kind === 'denied') throw forbidden('This video link has expired or your access has ended.');
    if (access.kind === 'not-found') throw notFound('No such video');
    return access.video;
  };

  app.get('/v/:videoId/:token/master.m3u8', { schema: { params: baseParams } }, async (req, reply) => {
    const video = await allowed(req, req.params);
    const text = masterPlaylist(await listRenditions(db, video.id));
    return reply.type(PLAYLIST).header('cache-control', NO_STORE).send(text);
  });

  app.get('/v/:videoId/:token/:rendition/index.m3u8', { schema: { params: renditionParams } }, async (req, reply) => {
    const video = await allowed(req, req.params);
    const text = await findPlaylist(db, video.id, req.params.rendition);
    if (text === undefined) throw notFound('No such rendition');
    return reply.type(PLAYLIST).header('cache-control', NO_STORE).send(text);
  });

  app.get('/v/:videoId/:token/key', { schema: { params: baseParams } }, async (req, reply) => {
    const video = await allowed(req, req.params);
    return reply
      .type('application/octet-stream')
      .header('cache-control', NO_STORE)
      .send(Buffer.from(video.aes_key, 'hex'));
  });

  app.get('/v/:videoId/:token/:rendition/:segment', { schema: { params: segmentParams } }, async (req, reply) => {
    const video = await allowed(req, req.params);
    const key = `${video.hls_prefix}/${req.params.rendition}/${req.params.segment.slice(0, -3)}`;
    return sendStored(services, req, reply, key, 'video/mp2t', { redirect: false });
  });

  app.get('/v/:videoId/:token/poster.jpg', { schema: { params: baseParams } }, async (req, reply) => {
    const video = await allowed(req, req.params);
    if (!video.poster_key) throw notFound('No poster');
    return sendStored(services, req, reply, video.poster_key, 'image/jpeg');
  });

  app.get('/v/:videoId/:token/captions/:file', { schema: { params: captionParams } }, async (req, reply) => {
    const video = await allowed(req, req.params);
    const lang = req.params.file.slice(0, -4);
    const caption = (await listCaptions(db, video.id)).find((c) => c.lang === lang);
    if (!caption) throw notFound('No captions in this language');
    return sendStored(services, req, reply, caption.storage_key, 'text/vtt; charset=utf-8', { redirect: false });
  });

  // hls.js from npm, served as it ships (the light build: HLS with AES-128, no DRM, no in-stream subtitles).
  app.get('/assets/vendor/hls.light.min.js', async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(hlsFile)),
  );
}

/**
 * Streams a stored object, with a single byte range when asked (RFC 9110); memory stays flat.
 * On S3 a poster is redirected to the bucket; segments and captions are not: the player's
 * script fetches them one by one (a 6-second segment each), and a cross-origin redirect per
 * segment stalled playback in Chromium against a local S3, so they come from our origin.
 */
async function sendStored(
  services: Services,
  req: FastifyRequest,
  reply: FastifyReply,
  key: string,
  type: string,
  opts: { redirect: boolean } = { redirect: true },
) {
  const size = await services.storage.size(key);
  if (size === undefined) throw notFound('No such file');
  reply.type(type).header('cache-control', 'private, max-age=21600').header('accept-ranges', 'bytes');
  const range = parseRange(req.headers.range, size);
  if (opts.redirect && bucketAnswersAlike(req.headers.range, range.kind === 'range')) {
    const cacheControl = 'private, max-age=21600';
    const redirected = await redirectToStored(reply, services.storage, key, { contentType: type, cacheControl });
    if (redirected) return redirected;
  }
  if (range.kind === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${size}`).send();
  if (range.kind === 'range') {
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
    return reply.header('content-length', range.end - range.start + 1).send(services.storage.read(key, range));
  }
  return reply.header('content-length', size).send(services.storage.read(key));
}
