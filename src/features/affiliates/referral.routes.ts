import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { findReferrer, REF_COOKIE, rememberedValue } from './attribution.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
const shortParams = z.object({ code: z.string().max(60), slug: z.string().max(200) });
const rememberForm = z.object({
  ref: z.string().max(60).default(''),
  slug: z.string().max(200).default(''),
  answer: z.enum(['yes', 'no']).catch('no'),
});

/** The product page of a referral, carrying the code in its URL (never a cookie here). */
const productPath = (slug: string, code: string | undefined, asked = false) =>
  `/p/${encodeURIComponent(slug)}${code ? `?ref=${encodeURIComponent(code)}${asked ? '&asked=1' : ''}` : ''}`;

/** `/r/CODE/product` short links and the answer to "remember this recommendation?". */
export function registerReferralRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  // The click is counted on the product page it leads to (once per arrival).
  app.get('/r/:code/:slug', { schema: { params: shortParams } }, async (req, reply) => {
    const slug = req.params.slug.toLowerCase();
    if (!SLUG.test(slug)) return reply.callNotFound();
    const referrer = await findReferrer(db, req.params.code);
    return reply.redirect(productPath(slug, referrer?.code), 302);
  });

  // "Yes" sets the first-party cookie for the affiliate's window; "No" sets nothing.
  app.post('/r/remember', async (req, reply) => {
    const form = rememberForm.parse(req.body ?? {});
    const slug = SLUG.test(form.slug) ? form.slug : '';
    const referrer = await findReferrer(db, form.ref);
    if (referrer && form.answer === 'yes')
      reply.setCookie(REF_COOKIE, rememberedValue(referrer.code, new Date()), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: services.config.secureCookies,
        maxAge: referrer.cookie_days * 86_400,
      });
    return reply.redirect(slug ? productPath(slug, referrer?.code, true) : '/', 303);
  });
}
