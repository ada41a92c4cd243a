import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PodcastEpisode } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { NO_SHOW_ACCESS, type ShowAccess } from './access.js';
import { countEpisodeDownload } from './count-download.js';
import { feedAccessCacheOf } from './feed-access.js';
import { buildFeedModel, chaptersJson, feedLocale, parseChapters } from './feed-model.js';
import { NOTICE_AUDIO, NOTICE_AUDIO_TYPE } from './feed-notice-audio.js';
import {
  audibleEpisodes,
  audioMatches,
  feedStore,
  findAudibleEpisode,
  type PrivateFeedContext,
  parseEpisodeFile,
  resolvePrivateFeed,
  storeBasics,
} from './feed-resolve.js';
import { renderFeedXml } from './feed-xml.js';
import { listenerOrigin } from './listener-origin.js';
import { findShow } from './queries.js';
import { audioEtag, type Servable, sendServable } from './serve-audio.js';
import { feedEtag, latest, RenderedFeeds, sendFeed } from './serve-feed.js';

const id = z.string().min(1);
const privateParams = z.object({ show: id, token: z.string() });
const privateFileParams = privateParams.extend({ file: z.string() });
const privateEpisodeParams = privateParams.extend({ episodeId: id, file: z.string() });
const publicParams = z.object({ show: id });
const publicFileParams = publicParams.extend({ file: z.string() });
const publicEpisodeParams = publicParams.extend({ episodeId: id, file: z.string() });

const PRIVATE_FEED_CACHE = 'private, max-age=300';
const PUBLIC_FEED_CACHE = 'public, max-age=300';
const PRIVATE_AUDIO_CACHE = 'private, max-age=86400';
const PUBLIC_AUDIO_CACHE = 'public, max-age=86400';

/** Private and public feeds, their audio (HEAD, Range), chapters, transcripts and artwork. */
export function registerPodcastFeedRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const base = services.config.publicUrl;
  const audiences = feedAccessCacheOf(services);
  const rendered = new RenderedFeeds();
  const notFound = (reply: FastifyReply) =>
    reply.code(404).type('text/plain; charset=utf-8').header('x-robots-tag', 'noindex').send('Not found');
  const privateFeed = (params: { show: string; token: string }) =>
    resolvePrivateFeed(db, audiences, params, new Date());

  app.get('/feeds/:show/:token', { schema: { params: privateParams } }, async (req, reply) => {
    const ctx = await privateFeed(req.params);
    if (!ctx) return notFound(reply);
    const { show, feed, state, audience } = ctx;
    const store = await storeBasics(db);
    const lang = feedLocale(show.language, store.locale);
    const name = audience?.listenerName ?? feed.email;
    const endedAt = state === 'ended' ? (audience?.endedAt ?? null) : null;
    const validators = {
      etag: feedEtag([
        ...['private', feed.id, feed.generation, feed.status, state, show.feed_version, show.tier_ids],
        ...[name, lang, endedAt, store.name, base],
      ]),
      lastModified: latest([
        ...[show.feed_changed_at, feed.status_changed_at, feed.rotated_at, endedAt],
        state === 'listener' ? audience?.since : null,
      ]),
    };
    return sendFeed(req, reply, {
      validators,
      cacheControl: PRIVATE_FEED_CACHE,
      rendered,
      render: async () => {
        const episodes = state === 'listener' ? await audibleEpisodes(db, show.product_id, ctx.access) : [];
        const view = { kind: 'private', feed, token: req.params.token, state, listenerName: name, endedAt } as const;
        const model = buildFeedModel({ show, episodes, view, base, store: await feedStore(db) });
        return renderFeedXml(model.channel, model.items);
      },
    });
  });

  app.get('/podcasts/:show/feed.xml', { schema: { params: publicParams } }, async (req, reply) => {
    const show = await findShow(db, req.params.show);
    if (show?.public_feed !== 1) return notFound(reply);
    const store = await storeBasics(db);
    const lang = feedLocale(show.language, store.locale);
    const validators = {
      etag: feedEtag(['public', show.product_id, show.feed_version, lang, store.name, base]),
      lastModified: latest([show.feed_changed_at]),
    };
    return sendFeed(req, reply, {
      validators,
      cacheControl: PUBLIC_FEED_CACHE,
      rendered,
      render: async () => {
        const episodes = await audibleEpisodes(db, show.product_id, NO_SHOW_ACCESS);
        const model = buildFeedModel({ show, episodes, view: { kind: 'public' }, base, store: await feedStore(db) });
        return renderFeedXml(model.channel, model.items);
      },
    });
  });

  /** The feed's listener may hear it now (a paused feed or ended access plays nothing but the notice). */
  const hearing = (ctx: PrivateFeedContext | undefined): ctx is PrivateFeedContext =>
    ctx !== undefined && ctx.state === 'listener';

  const sendAudio = async (
    req: FastifyRequest,
    reply: FastifyReply,
    target: { showId: string; file: string; access: ShowAccess; feedId: string | null },
  ) => {
    const parsed = parseEpisodeFile(target.file);
    if (!parsed) return notFound(reply);
    const ep = await findAudibleEpisode(db, target.showId, parsed.episodeId, target.access);
    if (!ep || !audioMatches(ep, parsed.ext) || ep.audio_size === null) return notFound(reply);
    const file: Servable = {
      size: ep.audio_size,
      etag: audioEtag(ep),
      type: ep.audio_type ?? 'audio/mpeg',
      cacheControl: target.feedId ? PRIVATE_AUDIO_CACHE : PUBLIC_AUDIO_CACHE,
      body: { storageKey: ep.audio_key },
    };
    const origin = listenerOrigin(req.ip, req.headers['user-agent']);
    return sendServable(services, req, reply, file, () =>
      countEpisodeDownload(db, {
        episodeId: ep.id,
        showId: ep.show_id,
        feedId: target.feedId,
        origin,
        now: new Date(),
      }),
    );
  };

  // GET and HEAD explicitly: a HEAD answers the whole length and counts nothing.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/feeds/:show/:token/:file',
    schema: { params: privateFileParams },
    handler: async (req, reply) => {
      const ctx = await privateFeed(req.params);
      if (!hearing(ctx)) return notFound(reply);
      return sendAudio(req, reply, {
        showId: ctx.show.product_id,
        file: req.params.file,
        access: ctx.access,
        feedId: ctx.feed.id,
      });
    },
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/podcasts/:show/:file',
    schema: { params: publicFileParams },
    handler: async (req, reply) =>
      sendAudio(req, reply, { showId: req.params.show, file: req.params.file, access: NO_SHOW_ACCESS, feedId: null }),
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/podcasts/:show/notice.mp3',
    schema: { params: publicParams },
    handler: async (req, reply) =>
      sendServable(services, req, reply, {
        size: NOTICE_AUDIO.length,
        etag: '"podcast-notice-1"',
        type: NOTICE_AUDIO_TYPE,
        cacheControl: 'public, max-age=31536000, immutable',
        body: { buffer: NOTICE_AUDIO },
      }),
  });

  const sendExtra = async (
    reply: FastifyReply,
    req: FastifyRequest,
    ep: PodcastEpisode | undefined,
    file: string,
    isPrivate: boolean,
  ) => {
    if (!ep) return notFound(reply);
    const cacheControl = isPrivate ? PRIVATE_AUDIO_CACHE : PUBLIC_AUDIO_CACHE;
    if (file === 'chapters.json') {
      const chapters = parseChapters(ep.chapters);
      if (chapters.length === 0) return notFound(reply);
      return reply
        .type('application/json+chapters; charset=utf-8')
        .headers({ 'cache-control': cacheControl, 'x-robots-tag': 'noindex' })
        .send(JSON.stringify(chaptersJson(chapters)));
    }
    const m = /^transcript\.(vtt|srt)$/.exec(file);
    if (!m || !ep.transcript_key) return notFound(reply);
    const srt = ep.transcript_type === 'application/x-subrip' || ep.transcript_type === 'application/srt';
    if ((m[1] === 'srt') !== srt) return notFound(reply);
    const size = await services.storage.size(ep.transcript_key);
    if (size === undefined) return notFound(reply);
    return sendServable(services, req, reply, {
      size,
      etag: `"${ep.transcript_key.split('/').pop()}"`,
      type: srt ? 'application/x-subrip; charset=utf-8' : 'text/vtt; charset=utf-8',
      cacheControl,
      body: { storageKey: ep.transcript_key },
    });
  };

  app.get('/feeds/:show/:token/:episodeId/:file', { schema: { params: privateEpisodeParams } }, async (req, reply) => {
    const ctx = await privateFeed(req.params);
    if (!hearing(ctx)) return notFound(reply);
    const ep = await findAudibleEpisode(db, ctx.show.product_id, req.params.episodeId, ctx.access);
    return sendExtra(reply, req, ep, req.params.file, true);
  });

  app.get('/podcasts/:show/:episodeId/:file', { schema: { params: publicEpisodeParams } }, async (req, reply) => {
    const ep = await findAudibleEpisode(db, req.params.show, req.params.episodeId, NO_SHOW_ACCESS);
    return sendExtra(reply, req, ep, req.params.file, false);
  });

  app.get('/podcasts/:show/artwork/:file', { schema: { params: publicFileParams } }, async (req, reply) => {
    const m = /^([a-z0-9-]{1,80})\.jpg$/.exec(req.params.file);
    const show = m ? await findShow(db, req.params.show) : undefined;
    const key = [show?.artwork_key, show?.artwork_small_key].find((k) => k && k.split('/').pop() === m?.[1]);
    const size = key ? await services.storage.size(key) : undefined;
    if (!key || size === undefined) return notFound(reply);
    return sendServable(services, req, reply, {
      size,
      etag: `"${m?.[1]}"`,
      type: 'image/jpeg',
      cacheControl: 'public, max-age=31536000, immutable',
      body: { storageKey: key },
    });
  });
}
