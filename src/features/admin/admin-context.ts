import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { currentAdmin } from '../auth/sessions.js';
import { paymentMode } from '../payments/providers.js';

/** Page context for an admin page (behind `requireAdmin`), with the payment mode its header shows. */
export async function adminPageContext(
  req: FastifyRequest,
  reply: FastifyReply,
  services: Services,
): Promise<PageContext> {
  const { user } = currentAdmin(req);
  const [ctx, mode] = await Promise.all([
    pageContext(req, reply, services, { email: user.email, locale: user.locale }),
    paymentMode(services),
  ]);
  return { ...ctx, paymentMode: mode };
}
