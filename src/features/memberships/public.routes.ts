import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BillingInterval } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { sendCachedPage } from '../../web/page-cache.js';
import { sendPage } from '../../web/render.js';
import { countryConflictMessage } from '../checkout/billing-country-field.js';
import { type CountryConflict, defaultBillingCountry, defaultCountrySource } from '../checkout/order-tax.js';
import { isTestMode } from '../payments/providers.js';
import { loadTaxSettings } from '../tax/tax-settings.js';
import {
  EMPTY_ADDRESS,
  MembershipPage,
  MembershipWelcomePage,
  type SubscribeFormErrors,
  type SubscribeFormValues,
  SubscribePage,
} from './membership.page.js';
import { type SubscribeError, startSubscription } from './start-subscription.js';
import { findTierBySlug, listTiers, tierPrice } from './tiers.js';

const chooseQuery = z.object({
  tier: z.string().max(200).default(''),
  interval: z.string().max(10).default('month'),
});
const subscribeBody = z.object({
  tier: z.string().max(200).default(''),
  interval: z.string().max(10).default(''),
  email: z.string().trim().max(320).default(''),
  name: z.string().trim().max(200).default(''),
  consent: z.string().max(10).optional(),
  billingCountry: z.string().trim().max(10).optional(),
  vatId: z.string().trim().max(40).default(''),
  billingName: z.string().trim().max(200).default(''),
  billingStreet: z.string().trim().max(200).default(''),
  billingPostcode: z.string().trim().max(20).default(''),
  billingCity: z.string().trim().max(100).default(''),
  /** The country the subscriber confirmed against a contradicting IP country (a checkbox's value). */
  confirmedCountry: z.string().trim().max(10).optional(),
});
const emailSchema = z.email();

const ERROR_KEYS = {
  tier: 'memberships.error.tier',
  interval: 'memberships.error.interval',
  consent: 'memberships.error.consent',
  provider: 'memberships.error.provider',
  'already-member': 'memberships.error.alreadyMember',
  // The buyer's VAT inputs: the download checkout's words.
  'tax-unavailable': 'checkout.error.tax-unavailable',
  'country-unknown': 'checkout.error.country-unknown',
  'vat-id-malformed': 'checkout.error.vat-id-malformed',
  'vat-id-invalid': 'checkout.error.vat-id-invalid',
  'vat-id-country': 'checkout.error.vat-id-country',
  'vat-id-unconfigured': 'checkout.error.vat-id-unconfigured',
  'address-required': 'checkout.error.address-required',
  // Shown with the two countries by countryConflictMessage; this is its plain key.
  'country-conflict': 'checkout.error.country-conflict',
} as const satisfies Record<SubscribeError, string>;

/** The form field a subscribe error belongs to. */
function fieldOf(error: SubscribeError): keyof SubscribeFormErrors {
  if (error === 'consent') return 'consent';
  if (error === 'country-unknown' || error === 'country-conflict') return 'country';
  if (error === 'address-required') return 'address';
  if (error.startsWith('vat-id')) return 'vatId';
  return 'form';
}

/** The public membership page and the subscription checkout. */
export function registerMembershipPublicRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  // The same for every visitor (its forms are GET forms, without a token): rendered once (web/page-cache.ts).
  app.get('/membership', async (req, reply) => {
    await sendCachedPage(services, req, reply, 'membership', async (ctx) => {
      const tiers = await listTiers(db, { activeOnly: true });
      return { page: MembershipPage({ ctx, tiers }), meta: undefined };
    });
    return reply;
  });

  // Where Stripe Checkout returns to: the webhook, not this page, activates the subscription.
  app.get('/membership/welcome', async (req, reply) => {
    return sendPage(reply, MembershipWelcomePage({ ctx: await pageContext(req, reply, services) }));
  });

  app.get('/membership/subscribe', { schema: { querystring: chooseQuery } }, async (req, reply) => {
    const tier = await findTierBySlug(db, req.query.tier);
    if (!tier?.active || tier.is_free) throw notFound('Membership not found');
    const interval = req.query.interval as BillingInterval;
    if (tierPrice(tier, interval) === undefined) throw notFound('Membership not found');
    const [ctx, testMode, settings] = await Promise.all([
      pageContext(req, reply, services),
      isTestMode(services),
      loadTaxSettings(db),
    ]);
    const values: SubscribeFormValues = {
      email: '',
      name: '',
      billingCountry: defaultBillingCountry(req.headers['accept-language'], settings),
      vatId: '',
      address: EMPTY_ADDRESS,
    };
    return sendPage(reply, SubscribePage({ ctx, tier, interval, values, errors: {}, testMode, business: !!settings }));
  });

  app.post(
    '/membership/subscribe',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const parsed = subscribeBody.safeParse(req.body ?? {});
      const form = parsed.success ? parsed.data : subscribeBody.parse({});
      const ctx = await pageContext(req, reply, services);
      const errors: SubscribeFormErrors = {};
      const settings = await loadTaxSettings(db);
      const values: SubscribeFormValues = {
        email: form.email,
        name: form.name,
        billingCountry: form.billingCountry || defaultBillingCountry(req.headers['accept-language'], settings),
        vatId: form.vatId,
        address: {
          name: form.billingName,
          street: form.billingStreet,
          postcode: form.billingPostcode,
          city: form.billingCity,
        },
        consent: form.consent === '1' || form.consent === 'on',
      };
      if (!emailSchema.safeParse(form.email).success) errors.email = ctx.t('memberships.error.email');
      const result = errors.email
        ? undefined
        : await startSubscription(services, {
            tierSlug: form.tier,
            interval: form.interval,
            email: form.email,
            name: form.name,
            consent: values.consent === true,
            locale: ctx.locale,
            tax: {
              billingCountry: values.billingCountry,
              billingCountrySource: form.billingCountry
                ? 'buyer'
                : defaultCountrySource(req.headers['accept-language']),
              vatId: values.vatId,
              address: values.address,
              ip: req.ip,
              confirmedCountry: form.confirmedCountry,
              acceptLanguage: req.headers['accept-language'],
            },
          });
      if (result?.kind === 'redirect') return reply.redirect(result.url, 303);
      let conflict: CountryConflict | undefined;
      if (result?.kind === 'error') {
        conflict = result.conflict;
        errors[fieldOf(result.error)] = conflict
          ? countryConflictMessage(ctx, conflict)
          : ctx.t(ERROR_KEYS[result.error]);
      }
      const tier = await findTierBySlug(db, form.tier);
      const interval = form.interval as BillingInterval;
      // An unknown tier or interval cannot show the form again: the tier list with the reason.
      if (!tier?.active || tier.is_free || tierPrice(tier, interval) === undefined) {
        const tiers = await listTiers(db, { activeOnly: true });
        return sendPage(
          reply,
          MembershipPage({ ctx, tiers, error: errors.form ?? ctx.t('memberships.error.tier') }),
          400,
        );
      }
      const testMode = await isTestMode(services);
      return sendPage(
        reply,
        SubscribePage({ ctx, tier, interval, values, errors, testMode, business: !!settings, conflict }),
        result?.error === 'provider' ? 503 : 400,
      );
    },
  );
}
