import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Post } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { pageNumber } from '../../web/form-fields.js';
import { sendCachedPage } from '../../web/page-cache.js';
import { sendPage } from '../../web/render.js';
import { readSession, SESSION_COOKIE } from '../auth/sessions.js';
import { CUSTOMER_COOKIE } from '../library/sessions.js';
import { type Audience, canRead, type MemberAccess } from '../memberships/access.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { redirectToStored } from '../storage/redirect.js';
import { postAudience } from './audience.js';
import { renderRss } from './feed.js';
import { checkImageSignature, decideImageAccess } from './image-access.js';
import { renderPostEmailHtml, renderPostHtml } from './post-markdown.js';
import { ArchivePage, PostPage } from './public.pages.js';
import { findPublishedPost, listPublicForFeed, listPublished } from './queries.js';
import { readerAccess } from './reader.js';

const pageQuery = z.object({ page: pageNumber(10_000).catch(1) });
const slugParams = z.object({ slug: z.string().max(200) });
const imageParams = z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.webp$/) });
const imageQuery = z.object({ s: z.string().max(100).optional().catch(undefined) });

/** Where a reader without access is sent: sign-up for members' posts, the membership page for paid ones. */
function gateFor(audience: Audience, access: MemberAccess): 'join' | 'upgrade' {
  if (audience.visibility === 'members' || audience.visibility === 'public') return 'join';
  if (audience.visibility === 'tiers' && access.freeTierId && audience.tierIds.includes(access.freeTierId))
    return 'join';
  return 'upgrade';
}

/** A post as this reader may see it: the body only with access, else the way in. */
function postPage(ctx: PageContext, post: Post, access: MemberAccess) {
  const audience = postAudience(post);
  const allowed = canRead(audience, access);
  return PostPage({
    ctx,
    post,
    bodyHtml: allowed ? renderPostHtml(post.body_md) : undefined,
    gate: allowed ? undefined : gateFor(audience, access),
    signedIn: access.memberId !== null,
    timeZone: ctx.timeZone,
  });
}

/** The archive, post pages (gated on the server), the RSS feed of public posts, and post images. */
export function registerPostPublicRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  // The archive and the post pages are the same for every stranger: rendered once (web/page-cache.ts).
  app.get('/posts', { schema: { querystring: pageQuery } }, async (req, reply) => {
    const { page } = req.query;
    await sendCachedPage(services, req, reply, `posts\n${page}`, async (ctx) => {
      const { posts, hasMore } = await listPublished(db, page);
      return { page: ArchivePage({ ctx, posts, page, hasMore, timeZone: ctx.timeZone }), meta: undefined };
    });
    return reply;
  });

  // Public posts only: a feed has no reader, so nothing gated goes into it, not even a teaser's body.
  app.get('/posts/feed.xml', async (_req, reply) => {
    const [{ storeName, locale }, posts] = await Promise.all([getStoreSettings(db), listPublicForFeed(db)]);
    const { publicUrl } = services.config;
    const xml = renderRss({
      storeName,
      publicUrl,
      language: locale,
      items: posts.map((p) => ({
        id: p.id,
        slug: p.slug,
        title: p.title,
        excerpt: p.excerpt,
        bodyHtml: renderPostEmailHtml(p.body_md, publicUrl),
        publishedAt: p.published_at ?? new Date(0).toISOString(),
      })),
    });
    return reply
      .header('content-type', 'application/rss+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(xml);
  });

  app.get('/posts/:slug', { schema: { params: slugParams } }, async (req, reply) => {
    // A reader signed in to the library may see more than a stranger: rendered for them alone.
    if (req.cookies[CUSTOMER_COOKIE] === undefined) {
      const found = await sendCachedPage(services, req, reply, `post\n${req.params.slug}`, async (ctx) => {
        const post = await findPublishedPost(db, req.params.slug);
        if (!post) return undefined;
        return { page: postPage(ctx, post, await readerAccess(req, services)), meta: undefined };
      });
      if (!found) throw notFound('Post not found');
      return reply;
    }
    const post = await findPublishedPost(db, req.params.slug);
    if (!post) throw notFound('Post not found');
    const [ctx, access] = await Promise.all([pageContext(req, reply, services), readerAccess(req, services)]);
    return sendPage(reply, postPage(ctx, post, access));
  });

  // A post's images follow its page's rule (image-access.ts): a public post's images may be cached by
  // anyone; a gated post's only by the reader's browser, and a stranger gets 404 (as for a draft's).
  app.get('/media/posts/:file', { schema: { params: imageParams, querystring: imageQuery } }, async (req, reply) => {
    const key = `post-images/${req.params.file.slice(0, -'.webp'.length)}`;
    const signed = checkImageSignature(services.config.sessionSecret, req.params.file, req.query.s);
    const access = await decideImageAccess(db, {
      storageKey: key,
      signed,
      isAdmin: async () => (await readSession(db, req.cookies[SESSION_COOKIE]))?.verified === true,
      reader: () => readerAccess(req, services),
    });
    if (access === 'missing' || access === 'denied') throw notFound('Image not found');
    const size = await services.storage.size(key);
    if (size === undefined) throw notFound('Image not found');
    if (access === 'public') {
      reply.header('cache-control', 'public, max-age=3600').header('cross-origin-resource-policy', 'cross-origin');
    } else {
      reply.header('cache-control', 'private, max-age=600').header('vary', 'Cookie');
      // An emailed (signed) image is shown by webmail on another origin.
      if (signed) reply.header('cross-origin-resource-policy', 'cross-origin');
    }
    const cacheControl = reply.getHeader('cache-control') as string;
    const redirected = await redirectToStored(reply, services.storage, key, {
      contentType: 'image/webp',
      cacheControl,
      // A public post's picture may be cached by anyone, briefly: the URL it points to expires.
      redirectCacheControl: access === 'public' ? 'public, max-age=240' : 'private, no-store',
    });
    if (redirected) return redirected;
    return reply
      .header('x-content-type-options', 'nosniff')
      .header('content-type', 'image/webp')
      .header('content-length', String(size))
      .send(services.storage.read(key));
  });
}
