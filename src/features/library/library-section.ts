import type { VNode } from 'preact';
import type { Db } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';

/** What another feature shows a signed-in customer at the top of their library (their courses, say); null adds nothing. */
export type LibrarySection = (db: Db, email: string, ctx: PageContext) => Promise<VNode | null>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every feature's library sections, in the feature list's order (set once by the app). */
    librarySections: readonly LibrarySection[];
  }
}
