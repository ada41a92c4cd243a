import type { BillingInterval, MembershipTier } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { renderMarkdown } from '../../web/markdown.js';
import { BillingCountryField } from '../checkout/billing-country-field.js';
import { AddressFields } from '../checkout/checkout.page.js';
import type { BillingAddress, CountryConflict } from '../checkout/order-tax.js';
import { CheckoutLegalLinks } from '../legal/checkout-parts.js';
import { INTERVALS, tierBenefits, tierPrice } from './tiers.js';

/** Where the free tier's button leads: the newsletter's double opt-in sign-up. */
export const JOIN_PATH = '/join';

function priceLine(ctx: PageContext, tier: MembershipTier, interval: BillingInterval): string | undefined {
  const p = tierPrice(tier, interval);
  if (p === undefined) return undefined;
  const amount = formatMoney(p, tier.currency, ctx.locale);
  return ctx.t(interval === 'month' ? 'memberships.public.perMonth' : 'memberships.public.perYear', { amount });
}

function TierCard({ ctx, tier }: { ctx: PageContext; tier: MembershipTier }) {
  const t = ctx.t;
  const offered = INTERVALS.filter((i) => tierPrice(tier, i) !== undefined);
  return (
    <li class="panel tier-card" aria-labelledby={`h-tier-${tier.slug}`}>
      <h2 id={`h-tier-${tier.slug}`}>{tier.name}</h2>
      {tier.is_free ? (
        <p class="card-price">{t('memberships.public.free')}</p>
      ) : (
        <p class="card-price">{offered.map((i) => priceLine(ctx, tier, i)).join(' · ')}</p>
      )}
      {tier.description_md && (
        <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(tier.description_md) }} />
      )}
      {tierBenefits(tier).length > 0 && (
        <ul class="benefits">
          {tierBenefits(tier).map((b) => (
            <li>{b}</li>
          ))}
        </ul>
      )}
      {tier.is_free ? (
        <a class="btn" href={JOIN_PATH}>
          {t('memberships.public.joinFree')}
        </a>
      ) : (
        // A GET form: choosing a tier changes nothing yet, the next page asks for the details.
        <form method="get" action="/membership/subscribe" class="stack">
          <input type="hidden" name="tier" value={tier.slug} />
          <fieldset class="tier-interval">
            <legend>{t('memberships.public.interval')}</legend>
            {offered.map((i, n) => (
              <div class="check">
                <input type="radio" id={`f-${tier.slug}-${i}`} name="interval" value={i} checked={n === 0} />
                <label for={`f-${tier.slug}-${i}`}>
                  {t(i === 'month' ? 'memberships.public.monthly' : 'memberships.public.yearly')}:{' '}
                  {priceLine(ctx, tier, i)}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('memberships.public.join', { name: tier.name })}</button>
        </form>
      )}
    </li>
  );
}

/** The public membership page: every active tier with its benefits and prices. */
export function MembershipPage({ ctx, tiers, error }: { ctx: PageContext; tiers: MembershipTier[]; error?: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('memberships.public.title')}>
      <h1>{t('memberships.public.title')}</h1>
      <p class="muted">{t('memberships.public.intro', { store: ctx.storeName })}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {tiers.length === 0 ? (
        <p class="empty">{t('memberships.public.empty')}</p>
      ) : (
        <ul class="tier-list">
          {tiers.map((tier) => (
            <TierCard ctx={ctx} tier={tier} />
          ))}
        </ul>
      )}
      <p class="hint">{t('memberships.public.inclVat')}</p>
    </Layout>
  );
}

export type SubscribeFormValues = {
  email: string;
  name: string;
  billingCountry: string;
  vatId: string;
  address: BillingAddress;
  /** The consent box as posted: a form shown again keeps what the subscriber ticked. */
  consent?: boolean | undefined;
};
export type SubscribeFormErrors = Partial<
  Record<'email' | 'consent' | 'country' | 'vatId' | 'address' | 'form', string>
>;

export const EMPTY_ADDRESS: BillingAddress = { name: '', street: '', postcode: '', city: '' };

/** Step two: the details, the § 312j (2) summary right above the button "Subscribe with obligation to pay". */
export function SubscribePage(props: {
  ctx: PageContext;
  tier: MembershipTier;
  interval: BillingInterval;
  values: SubscribeFormValues;
  errors: SubscribeFormErrors;
  testMode: boolean;
  /** VAT IDs can be checked (tax settings saved). */
  business: boolean;
  /** The IP country contradicts the chosen country: the subscriber is asked to confirm it. */
  conflict?: CountryConflict | undefined;
}) {
  const { ctx, tier, interval, values, errors, testMode, business, conflict } = props;
  const t = ctx.t;
  const price = priceLine(ctx, tier, interval) ?? '';
  const every = t(interval === 'month' ? 'memberships.subscribe.everyMonth' : 'memberships.subscribe.everyYear');
  return (
    <Layout ctx={ctx} title={t('memberships.subscribe.title', { name: tier.name })}>
      <section class="panel" aria-labelledby="h-subscribe">
        <h1 id="h-subscribe">{t('memberships.subscribe.title', { name: tier.name })}</h1>
        {testMode && <p class="test-mode">{t('memberships.subscribe.testMode')}</p>}
        {errors.form && <Alert kind="error">{errors.form}</Alert>}
        <Form ctx={ctx} action="/membership/subscribe">
          <input type="hidden" name="tier" value={tier.slug} />
          <input type="hidden" name="interval" value={interval} />
          <Field
            name="email"
            type="email"
            label={t('memberships.subscribe.email')}
            value={values.email}
            error={errors.email}
            required
            autocomplete="email"
          />
          <Field name="name" label={t('memberships.subscribe.name')} value={values.name} autocomplete="name" />
          <BillingCountryField ctx={ctx} value={values.billingCountry} error={errors.country} confirm={conflict} />
          {business && <BusinessFields ctx={ctx} values={values} errors={errors} />}
          <fieldset class={errors.consent ? 'consent invalid' : 'consent'}>
            <legend>{t('legal.checkout.consent.legend')}</legend>
            <div class="check">
              <input
                id="f-consent"
                type="checkbox"
                name="consent"
                value="1"
                checked={values.consent === true}
                required
                aria-invalid={errors.consent ? 'true' : undefined}
                aria-describedby={errors.consent ? 'f-consent-err' : undefined}
              />
              <label for="f-consent">{t('memberships.subscribe.consent')}</label>
            </div>
            {errors.consent && (
              <p class="error" id="f-consent-err" role="alert">
                {errors.consent}
              </p>
            )}
          </fieldset>
          <div class="order-summary">
            <p>
              <strong>{t('memberships.subscribe.summary', { name: tier.name, price, interval: every })}</strong>
            </p>
            <p class="hint">{t('memberships.subscribe.terms')}</p>
          </div>
          <CheckoutLegalLinks ctx={ctx} />
          <button type="submit" class="btn-block">
            {t('memberships.subscribe.button')}
          </button>
        </Form>
      </section>
    </Layout>
  );
}

/** Optional: a business's VAT ID and the billing address its invoices name (the download checkout's fields). */
function BusinessFields({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: SubscribeFormValues;
  errors: SubscribeFormErrors;
}) {
  const t = ctx.t;
  const a = values.address;
  return (
    <details class="business" open={Boolean(values.vatId) || Boolean(errors.vatId) || Boolean(errors.address)}>
      <summary>{t('checkout.business')}</summary>
      <Field
        name="vatId"
        label={t('checkout.vatId')}
        value={values.vatId}
        hint={t('checkout.vatId.hint')}
        error={errors.vatId}
        autocomplete="off"
      />
      <AddressFields ctx={ctx} address={a} error={errors.address} />
    </details>
  );
}

/** After paying at the provider: the subscription starts once the payment is confirmed. */
export function MembershipWelcomePage({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('memberships.status.title')}>
      <section class="panel" aria-labelledby="h-welcome">
        <h1 id="h-welcome">{t('memberships.status.title')}</h1>
        <p>{t('memberships.status.welcome')}</p>
        <p>
          <a href="/library/membership">{t('memberships.status.library')}</a>
        </p>
      </section>
    </Layout>
  );
}
