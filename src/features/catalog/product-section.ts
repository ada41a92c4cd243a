import type { VNode } from 'preact';
import type { Db, Product } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';

/**
 * What another feature adds to a product's public page (a course's
 * curriculum, say), rendered below the description. It reads only tables
 * that move the content version, since the page is cached by it
 * (web/page-cache.ts); null adds nothing.
 */
export type ProductSection = (db: Db, product: Product, ctx: PageContext) => Promise<VNode | null>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every feature's product page sections, in the feature list's order (set once by the app). */
    productSections: readonly ProductSection[];
  }
}
