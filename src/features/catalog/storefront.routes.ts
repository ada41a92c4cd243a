import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { cachedPage } from '../../web/page-cache.js';
import { countReferralClick, ReferralPrompt, referralOfVisit } from '../affiliates/referral.js';
import { recordProductView, stopCountingViews } from '../analytics/record-visit.js';
import { checkoutChoiceOf } from '../checkout/choices.js';
import { defaultBillingCountry, languageCountry, previewVat } from '../checkout/order-tax.js';
import { readTaxMode } from '../legal/tax-mode.js';
import { productWithdrawalCase } from '../legal/withdrawal-case.js';
import { redirectToStored } from '../storage/redirect.js';
import { loadTaxSettings } from '../tax/tax-settings.js';
import { ProductPage } from './product.page.js';
import { findPublishedProductBySlug, listProductFiles } from './queries.js';

const slugParams = z.object({ slug: z.string().max(200) });
const coverParams = z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.webp$/) });

/** Public product pages and cover images. */
export function registerStorefrontRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  // Views are counted in memory (analytics/visit-counter.ts): the app's close writes what is waiting.
  // onClose hooks run once the server has stopped taking requests and the running ones are answered.
  fastify.addHook('onClose', () => stopCountingViews(services));

  // Rendered once per product, language and the country the buy form preselects (from
  // Accept-Language, else the store's); the CSRF token is filled in per visitor (web/page-cache.ts).
  app.get('/p/:slug', { schema: { params: slugParams } }, async (req, reply) => {
    const acceptLanguage = req.headers['accept-language'];
    // A valid referral (affiliates) varies the page: the buy form carries the code, a prompt may ask to remember it.
    const referral = await referralOfVisit(db, req);
    const key = `p\n${req.params.slug}\n${languageCountry(acceptLanguage) ?? ''}${referral?.cacheKey ?? ''}`;
    const page = await cachedPage(services, req, key, async (ctx) => {
      // Drafts and archived products do not exist for the public.
      const product = await findPublishedProductBySlug(db, req.params.slug);
      if (!product) return undefined;
      const [files, taxMode, settings] = await Promise.all([
        listProductFiles(db, product.id),
        readTaxMode(db),
        loadTaxSettings(db),
      ]);
      // Preselected as on the checkout page; the buyer confirms or changes it.
      const billingCountry = defaultBillingCountry(acceptLanguage, settings);
      const vat = await previewVat(db, settings, product, billingCountry);
      const withdrawal = await productWithdrawalCase(db, product);
      const publicUrl = services.config.publicUrl;
      const sections = await Promise.all(fastify.productSections.map((section) => section(db, product, ctx)));
      const choiceField = await checkoutChoiceOf(product.kind)?.field(db, product, ctx, { live: false });
      const props = { ctx, product, files, taxMode, billingCountry, vat, withdrawal, publicUrl, sections, choiceField };
      const referralPrompt = referral?.prompt ? ReferralPrompt({ ctx, referral, slug: product.slug }) : null;
      return {
        page: ProductPage({ ...props, referral: referral?.code, referralPrompt }),
        meta: product.id,
      };
    });
    if (!page) throw notFound('Product not found');
    // Counted before the answer goes out, so a graceful stop (which waits for answers) writes it.
    await recordProductView(services, req, page.meta);
    if (referral) await countReferralClick(services, req, referral, page.meta);
    return page.send(reply);
  });

  // A cover's key changes whenever the cover does, so its URL can be cached for good.
  app.get('/media/covers/:file', { schema: { params: coverParams } }, async (req, reply) => {
    const key = `covers/${req.params.file.slice(0, -'.webp'.length)}`;
    const size = await services.storage.size(key);
    if (size === undefined) throw notFound('Image not found');
    const etag = `"${req.params.file.slice(0, 36)}"`;
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      // Public pictures: other sites and link previews may show them.
      .header('cross-origin-resource-policy', 'cross-origin');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    const redirected = await redirectToStored(reply, services.storage, key, {
      contentType: 'image/webp',
      cacheControl: 'public, max-age=31536000, immutable',
      redirectCacheControl: 'public, max-age=240',
    });
    if (redirected) return redirected;
    return reply
      .header('content-type', 'image/webp')
      .header('content-length', String(size))
      .send(services.storage.read(key));
  });
}
