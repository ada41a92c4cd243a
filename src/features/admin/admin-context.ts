import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { currentAdmin } from '../auth/sessions.js';

/** Page context for an admin page (behind `requireAdmin`). */
export function adminPageContext(req: FastifyRequest, reply: FastifyReply, services: Services): Promise<PageContext> {
  const { user } = currentAdmin(req);
  return pageContext(req, reply, services, { email: user.email, locale: user.locale });
}
