import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { type PageContext, pageContext, resolveLocale } from '../../web/context.js';
import type { Locale } from '../../web/i18n.js';
import { currentAdmin } from '../auth/sessions.js';
import { paymentMode } from '../payments/providers.js';
import { getStoreSettings } from '../settings/store-settings.js';

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
  return { ...ctx, paymentMode: mode, adminNav: req.server.adminNav };
}

/** The admin's language for reading what they typed (amounts: "12,50" in German), as their pages use it. */
export async function adminLocale(req: FastifyRequest, services: Services): Promise<Locale> {
  const settings = await getStoreSettings(services.database.db);
  return resolveLocale(req, settings.locale, currentAdmin(req).user.locale);
}
