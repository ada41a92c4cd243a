import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { listPublishedProducts } from './queries.js';
import { StorefrontPage } from './storefront.page.js';

/** The store home (called from the shell's `GET /` once set-up is done): published products as cards. */
export async function renderStoreHome(req: FastifyRequest, reply: FastifyReply, services: Services) {
  const [ctx, products] = await Promise.all([
    pageContext(req, reply, services),
    listPublishedProducts(services.database.db),
  ]);
  return sendPage(reply, StorefrontPage({ ctx, products }));
}
