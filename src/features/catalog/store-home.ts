import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { sendCachedPage } from '../../web/page-cache.js';
import { listPublishedProducts } from './queries.js';
import { readStoreIntro } from './store-intro.js';
import { StorefrontPage } from './storefront.page.js';

/** The store home (called from the shell's `GET /` once set-up is done): published products as cards. */
export async function renderStoreHome(req: FastifyRequest, reply: FastifyReply, services: Services) {
  await sendCachedPage(services, req, reply, 'home', async (ctx) => {
    const products = await listPublishedProducts(services.database.db);
    const intro = await readStoreIntro(services.database.db);
    return { page: StorefrontPage({ ctx, products, intro }), meta: undefined };
  });
  return reply;
}
