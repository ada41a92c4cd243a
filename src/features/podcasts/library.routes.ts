import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { currentCustomer, requireCustomer } from '../library/sessions.js';
import { loadSubscribeState, rotateOwnFeed } from './library-access.js';
import { subscribePath } from './links.js';
import { NoAccessPage, SubscribePage } from './subscribe.page.js';
import { feedQrSvg, privateFeedUrl } from './subscribe-links.js';

const showParams = z.object({ show: z.string().min(1).max(64) });
const pageQuery = z.object({ rotated: z.string().max(1).optional() });

/** The listener's subscribe page (app buttons, QR code, copy) and rotating their own feed. */
export function registerPodcastLibraryRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const secret = services.config.sessionSecret;
  const preHandler = requireCustomer(services);

  app.get(
    '/library/podcasts/:show',
    { schema: { params: showParams, querystring: pageQuery }, preHandler },
    async (req, reply) => {
      const { email } = currentCustomer(req);
      const state = await loadSubscribeState(db, secret, req.params.show, email, new Date());
      // A show the address has nothing to do with is "not found", as someone else's order is.
      if (state.kind === 'missing') throw notFound('Show not found');
      const ctx = await pageContext(req, reply, services);
      reply.header('cache-control', 'private, no-store');
      if (state.kind !== 'listener')
        return sendPage(reply, NoAccessPage({ ctx, show: state.show, reason: state.kind }));
      const feedUrl = privateFeedUrl(services.config.publicUrl, secret, state.feed);
      return sendPage(
        reply,
        SubscribePage({
          ctx,
          show: state.show,
          feedUrl,
          qrSvg: await feedQrSvg(feedUrl),
          suspended: state.feed.status === 'suspended',
          rotated: req.query.rotated === '1',
          rotatePath: `${subscribePath(state.show.product_id)}/rotate`,
        }),
      );
    },
  );

  app.post('/library/podcasts/:show/rotate', { schema: { params: showParams }, preHandler }, async (req, reply) => {
    const { email } = currentCustomer(req);
    const result = await rotateOwnFeed(db, secret, req.params.show, email, new Date());
    const page = subscribePath(req.params.show);
    return reply.redirect(result === 'rotated' ? `${page}?rotated=1` : page, 303);
  });
}
