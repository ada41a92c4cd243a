import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PaymentMode } from '../features/payments/providers.js';
import { getStoreSettings } from '../features/settings/store-settings.js';
import type { Services } from '../services.js';
import { isLocale, type Locale, negotiateLocale } from './i18n.js';
import { type MessageKey, type Translate, translator } from './messages.js';

export const LANG_COOKIE = 'vf_lang';

/** What every page needs to render; built per request and passed down explicitly. */
export type PageContext = {
  locale: Locale;
  t: Translate;
  csrfToken: string;
  storeName: string;
  /** The store's time zone: every time shown on the page is in it. */
  timeZone: string;
  path: string;
  admin?: { email: string } | undefined;
  /** Admin pages: test or live payments, shown on every page. */
  paymentMode?: PaymentMode | undefined;
  /** Admin pages: the navigation's links, from every feature (`features/index.ts`). */
  adminNav?: readonly { href: string; label: MessageKey }[] | undefined;
};

export function resolveLocale(req: FastifyRequest, fallback: Locale, userLocale?: string): Locale {
  const cookie = req.cookies[LANG_COOKIE];
  if (isLocale(cookie)) return cookie;
  if (isLocale(userLocale)) return userLocale;
  return negotiateLocale(req.headers['accept-language'], fallback);
}

export async function pageContext(
  req: FastifyRequest,
  reply: FastifyReply,
  services: Services,
  admin?: { email: string; locale: string },
): Promise<PageContext> {
  const settings = await getStoreSettings(services.database.db);
  const locale = resolveLocale(req, settings.locale, admin?.locale);
  let csrfToken: string | undefined;
  return {
    locale,
    t: translator(locale),
    // Made on first use: a page without a form sets no CSRF cookie.
    get csrfToken() {
      csrfToken ??= reply.generateCsrf();
      return csrfToken;
    },
    storeName: settings.storeName,
    timeZone: settings.timeZone,
    path: req.url,
    admin: admin ? { email: admin.email } : undefined,
  };
}
