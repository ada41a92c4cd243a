import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Product } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { ReceiptLink } from '../../order-core/entitlements.js';
import type { Services } from '../../services.js';
import { type PageContext, pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { REF_COOKIE, readRefCode } from '../affiliates/attribution.js';
import { recordCheckoutStart } from '../analytics/record-visit.js';
import { downloadLinksForOrder } from '../delivery/links.js';
import { findDigitalConsent, findOrderConsent, SERVICE_CONSENT_KIND } from '../legal/consent.js';
import { readTaxMode } from '../legal/tax-mode.js';
import { productWithdrawalCase } from '../legal/withdrawal-case.js';
import { licenseKeysForOrder } from '../licensing/queries.js';
import { membershipOfOrder } from '../memberships/order-membership.js';
import { isTestMode } from '../payments/providers.js';
import { loadTaxSettings } from '../tax/tax-settings.js';
import { CheckoutPage, type CheckoutPageError, type CheckoutValues, EMPTY_ADDRESS } from './checkout.page.js';
import { needsPriceCheck, priceForBuyer, type ShownPrice } from './checkout-quote.js';
import { ChoiceStepPage } from './choice-step.page.js';
import { type ChoiceDetails, checkoutChoiceOf, choiceDetailsOf, pricedAs } from './choices.js';
import { OrderStatusPage } from './order-status.page.js';
import { type CountryConflict, defaultBillingCountry, defaultCountrySource, previewVat } from './order-tax.js';
import { findOrder, findOrderItems, findSellableProduct } from './queries.js';
import { startCheckout } from './start-checkout.js';

const checkoutForm = z.object({
  productId: z.string().max(100).default(''),
  /** An event's session and ticket, say (checkout/choices.ts); read only by its feature. */
  choice: z.string().trim().max(200).optional(),
  email: z.string().trim().max(320).default(''),
  name: z.string().trim().max(200).default(''),
  amount: z.string().trim().max(40).optional(),
  discountCode: z.string().trim().max(60).optional(),
  digitalConsent: z.string().max(10).optional(),
  serviceConsent: z.string().max(10).optional(),
  billingCountry: z.string().trim().max(10).optional(),
  vatId: z.string().trim().max(40).default(''),
  billingName: z.string().trim().max(200).default(''),
  billingStreet: z.string().trim().max(200).default(''),
  billingPostcode: z.string().trim().max(20).default(''),
  billingCity: z.string().trim().max(100).default(''),
  /** The country the buyer confirmed against a contradicting IP country (a checkbox's value). */
  confirmedCountry: z.string().trim().max(10).optional(),
  /** "price": the "apply code" button, which shows the price instead of ordering. */
  step: z.string().max(20).optional(),
  /** The code and amount of the price the page showed (`quoteKey`). */
  quoted: z.string().max(200).optional(),
  /** An affiliate's referral code carried from the product page (no cookie needed). */
  ref: z.string().max(60).optional(),
});

type PriceShown = { price?: ShownPrice; priceNotice?: 'applied' | 'check' };

const orderParams = z.object({ id: z.uuid() });
const orderQuery = z.object({ k: z.string().max(100).default('') });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerCheckoutRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  /** The product as the buyer's choice prices it, the choice's form field, and what is wrong with the choice. */
  const withChoice = async (base: Product, choice: string | undefined, ctx: PageContext, details: ChoiceDetails) => {
    const choiceOf = checkoutChoiceOf(base.kind);
    if (!choiceOf) return { product: base };
    const field = await choiceOf.field(db, base, ctx, { selected: choice, live: true, details });
    // `d.view`: the buyer asked to see the choice again (another time zone, say), not to order.
    if (!choice || details.view) return { product: base, field, error: 'choice-missing' as const };
    const priced = await choiceOf.price(db, base, choice, isoNow(), details);
    if (!priced.ok) return { product: base, field, error: priced.error };
    return { product: pricedAs(base, priced.choice), field };
  };

  /** The pick travels on as a hidden field; the buyer may go back to the first step to change it. */
  const changeableChoice = (base: Product, value: string, details: ChoiceDetails) => ({
    value,
    details,
    changeUrl: `/checkout?product=${base.id}`,
  });

  // Loose: the choice's `d.<key>` fields pass through to choiceDetailsOf.
  const checkoutQuery = z.looseObject({
    product: z.string().max(100),
    choice: z.string().trim().max(200).optional(),
    ref: z.string().max(60).optional(),
  });
  app.get('/checkout', { schema: { querystring: checkoutQuery } }, async (req, reply) => {
    const base = await findSellableProduct(db, req.query.product);
    if (!base) throw notFound('Product not found');
    const ctx = await pageContext(req, reply, services);
    const details = choiceDetailsOf(req.query);
    const chosen = await withChoice(base, req.query.choice, ctx, details);
    // The first visit shows the choice; a stale link (a session cancelled meanwhile) says why it is gone.
    const missing = chosen.error === 'choice-missing';
    if (chosen.error)
      return sendPage(
        reply,
        ChoiceStepPage({
          ctx,
          product: base,
          field: chosen.field,
          error: missing ? undefined : chosen.error,
          referral: readRefCode(req.query.ref),
        }),
        missing ? 200 : 400,
      );
    const { product } = chosen;
    const choice = chosen.field && req.query.choice ? changeableChoice(base, req.query.choice, details) : undefined;
    const settings = await loadTaxSettings(db);
    const values: CheckoutValues = {
      email: '',
      name: '',
      amount: '',
      discountCode: '',
      billingCountry: defaultBillingCountry(req.headers['accept-language'], settings),
      vatId: '',
      address: EMPTY_ADDRESS,
    };
    const taxMode = await readTaxMode(db);
    const vat = await previewVat(db, settings, product, values.billingCountry);
    const withdrawal = await productWithdrawalCase(db, product);
    const testMode = await isTestMode(services);
    return sendPage(
      reply,
      CheckoutPage({
        ctx,
        product,
        values,
        taxMode,
        testMode,
        vat,
        business: !!settings,
        withdrawal,
        choice,
        referral: readRefCode(req.query.ref),
      }),
    );
  });

  app.post(
    '/checkout',
    { config: { rateLimit: { max: services.config.checkoutRatePerMinute, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = checkoutForm.parse(req.body ?? {});
      const ctx = await pageContext(req, reply, services);
      const base = await findSellableProduct(db, form.productId);
      if (!base) throw notFound('Product not found');
      const details = choiceDetailsOf(req.body);
      const chosen = await withChoice(base, form.choice, ctx, details);
      const { product } = chosen;
      const settings = await loadTaxSettings(db);
      const values: CheckoutValues = {
        email: form.email,
        name: form.name,
        amount: form.amount ?? '',
        discountCode: form.discountCode ?? '',
        billingCountry: form.billingCountry || defaultBillingCountry(req.headers['accept-language'], settings),
        vatId: form.vatId,
        address: {
          name: form.billingName,
          street: form.billingStreet,
          postcode: form.billingPostcode,
          city: form.billingCity,
        },
        digitalConsent: Boolean(form.digitalConsent),
        serviceConsent: Boolean(form.serviceConsent),
      };
      const taxMode = await readTaxMode(db);
      const priceOf = () =>
        priceForBuyer(db, { product, offered: form.amount, discountCode: form.discountCode, locale: ctx.locale });
      const codePrice = async () => {
        if (product.pricing === 'free' || !form.discountCode?.trim()) return undefined;
        const shown = await priceOf();
        return shown.ok ? shown.price : undefined;
      };
      const page = async (
        error: CheckoutPageError | undefined,
        more: PriceShown & { conflict?: CountryConflict } = {},
      ) => {
        const { conflict, priceNotice } = more;
        // A form shown again for another reason still shows the price with its code, so the next try orders.
        const price = more.price ?? (error?.startsWith('discount') ? undefined : await codePrice());
        // The VAT of the price to be charged: with a code, of the discounted total.
        const taxed = price ? { ...product, pricing: 'fixed', price_minor: price.totalMinor } : product;
        const vat = await previewVat(db, settings, taxed, values.billingCountry.toUpperCase());
        const testMode = await isTestMode(services);
        const business = !!settings;
        const withdrawal = await productWithdrawalCase(db, product);
        const choice = form.choice ? changeableChoice(base, form.choice, details) : undefined;
        const props = {
          ctx,
          product,
          values,
          error,
          taxMode,
          testMode,
          vat,
          business,
          withdrawal,
          conflict,
          choice,
          referral: readRefCode(form.ref),
        };
        return sendPage(reply, CheckoutPage({ ...props, price, priceNotice }), error ? 400 : 200);
      };
      // A pick that is gone (sold out meanwhile, say) is made again on the first step, with the reason.
      if (chosen.error)
        return sendPage(
          reply,
          ChoiceStepPage({
            ctx,
            product: base,
            field: chosen.field,
            error: chosen.error,
            referral: readRefCode(form.ref),
          }),
          400,
        );
      // "Apply code", or an order with a code whose price the buyer has not seen: show the price first.
      const asked = form.step === 'price';
      if (product.pricing !== 'free' && (asked || needsPriceCheck(form))) {
        const shown = await priceOf();
        if (!shown.ok) return page(shown.error);
        const priceNotice = asked ? (shown.price.code ? 'applied' : undefined) : 'check';
        return page(undefined, { price: shown.price, priceNotice });
      }
      if (!z.email().safeParse(form.email).success) return page('email-invalid');
      await recordCheckoutStart(services, req, product.id);
      const result = await startCheckout(services, {
        productId: product.id,
        choice: form.choice,
        details,
        email: form.email.toLowerCase(),
        name: form.name,
        offered: form.amount,
        discountCode: form.discountCode,
        digitalConsent: Boolean(form.digitalConsent),
        serviceConsent: Boolean(form.serviceConsent),
        locale: ctx.locale,
        tax: {
          billingCountry: values.billingCountry,
          billingCountrySource: form.billingCountry ? 'buyer' : defaultCountrySource(req.headers['accept-language']),
          vatId: values.vatId,
          address: values.address,
          ip: req.ip,
          confirmedCountry: form.confirmedCountry,
          acceptLanguage: req.headers['accept-language'],
        },
        referral: { link: readRefCode(form.ref), cookie: req.cookies[REF_COOKIE] },
      });
      if (result.kind === 'error') return page(result.error, { conflict: result.conflict });
      return reply.redirect(result.url, 303);
    },
  );

  app.get('/checkout/orders/:id', { schema: { params: orderParams, querystring: orderQuery } }, async (req, reply) => {
    const order = await findOrder(db, req.params.id);
    if (!order || !sameSecret(order.access_key, req.query.k)) throw notFound('Order not found');
    const items = await findOrderItems(db, order.id);
    const downloads = order.status === 'paid' ? await downloadLinksForOrder(services, order.id) : [];
    const licenseKeys = order.status === 'paid' ? await licenseKeysForOrder(db, order.id) : [];
    const first = items[0]
      ? await db.selectFrom('products').select('slug').where('id', '=', items[0].product_id).executeTakeFirst()
      : undefined;
    const ctx = await pageContext(req, reply, services);
    const consent =
      (await findDigitalConsent(db, order.id)) ?? (await findOrderConsent(db, order.id, SERVICE_CONSENT_KIND));
    const code = order.discount_code_id
      ? await db.selectFrom('discount_codes').select('code').where('id', '=', order.discount_code_id).executeTakeFirst()
      : undefined;
    const membership = await membershipOfOrder(db, order.id);
    const links: ReceiptLink[] = [];
    if (order.status === 'paid')
      for (const e of services.orders.parts.entitlements)
        links.push(...((await e.receiptLinks?.(db, { order, publicUrl: '', locale: ctx.locale })) ?? []));
    return sendPage(
      reply,
      OrderStatusPage({
        ctx,
        order,
        consent,
        items,
        discountCode: code?.code,
        downloads,
        licenseKeys,
        membership,
        links,
        payUrl: order.provider === 'test' && order.provider_ref ? `/pay/test/${order.provider_ref}` : undefined,
        // A membership is chosen again on the membership page, a product on its page.
        retryUrl: membership ? '/membership' : first ? `/p/${first.slug}` : undefined,
        testMode: await isTestMode(services),
      }),
    );
  });
}
