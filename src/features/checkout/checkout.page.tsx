import type { Product } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { amountErrorKey } from '../../web/amount-errors.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { Translate } from '../../web/messages.js';
import { suggestedAmount } from '../catalog/price.js';
import { CheckoutLegalLinks, OrderSummaryNote, WithdrawalFields } from '../legal/checkout-parts.js';
import type { TaxMode } from '../legal/tax-mode.js';
import type { WithdrawalCase } from '../legal/withdrawal-case.js';
import { countryName } from '../tax/countries.js';
import { formatRate } from '../tax/rates.js';
import { BillingCountryField, countryConflictMessage } from './billing-country-field.js';
import { quoteKey, type ShownPrice } from './checkout-quote.js';
import type { ChoiceDetails } from './choices.js';
import type { BillingAddress, CountryConflict, VatPreview } from './order-tax.js';
import type { CheckoutError } from './start-checkout.js';

export type CheckoutValues = {
  email: string;
  name: string;
  amount: string;
  discountCode: string;
  billingCountry: string;
  vatId: string;
  address: BillingAddress;
  /** The consent boxes as posted: a form shown again keeps what the buyer ticked. */
  digitalConsent?: boolean | undefined;
  serviceConsent?: boolean | undefined;
};

export const EMPTY_ADDRESS: BillingAddress = { name: '', street: '', postcode: '', city: '' };

type Props = {
  ctx: PageContext;
  product: Pick<
    Product,
    'id' | 'title' | 'kind' | 'pricing' | 'currency' | 'price_minor' | 'min_price_minor' | 'suggested_price_minor'
  >;
  values: CheckoutValues;
  error?: CheckoutPageError | undefined;
  taxMode: TaxMode;
  testMode: boolean;
  /** The VAT for the chosen country; undefined until the seller saved the tax settings. */
  vat?: VatPreview | undefined;
  /** VAT IDs can be checked (tax settings saved). */
  business: boolean;
  /** The product's withdrawal rule: which consent box or note the form shows. */
  withdrawal?: WithdrawalCase | undefined;
  /** With the error `country-conflict`: the countries the buyer is asked to confirm between. */
  conflict?: CountryConflict | undefined;
  /** The price worked out for the typed code and amount, shown above the order button. */
  price?: ShownPrice | undefined;
  /** Why the price is shown: the buyer asked ("check code"), or an order was held to show it first. */
  priceNotice?: 'applied' | 'check' | undefined;
  /** The pick of a product kind that needs one (an event's date and ticket; checkout/choices.ts), made on the step before. */
  choice?: { value: string; details: ChoiceDetails; changeUrl: string } | undefined;
  /** An affiliate's referral code of this visit, carried on in the form (no cookie needed). */
  referral?: string | undefined;
};

export type CheckoutPageError = CheckoutError | 'email-invalid';

/** What the buyer receives at the address, by product kind. */
const EMAIL_HINT = {
  download: 'checkout.email.hint',
  membership: 'checkout.email.hint',
  course: 'checkout.email.hintCourse',
  event: 'checkout.email.hintEvent',
  booking: 'checkout.email.hintBooking',
  podcast: 'checkout.email.hintPodcast',
} as const;

type Where = 'email' | 'amount' | 'discountCode' | 'consent' | 'country' | 'vatId' | 'address' | 'form';

function fieldOf(error: CheckoutPageError | undefined): Where {
  if (!error) return 'form';
  if (error === 'email-invalid') return 'email';
  if (error === 'country-unknown' || error === 'country-conflict') return 'country';
  if (error === 'address-required') return 'address';
  if (error.startsWith('vat-id')) return 'vatId';
  if (error === 'consent-missing' || error === 'service-consent-missing') return 'consent';
  if (error.startsWith('amount')) return 'amount';
  if (error.startsWith('discount')) return 'discountCode';
  return 'form';
}

/** An amount the parser refused is explained by why (the same words on every form); the rest by checkout's texts. */
function errorText(t: Translate, error: CheckoutPageError, currency: string, min: string): string {
  if (error === 'amount-negative' || error === 'amount-ambiguous' || error === 'amount-too-many-decimals')
    return t(
      amountErrorKey(
        error === 'amount-negative' ? 'negative' : error === 'amount-ambiguous' ? 'ambiguous' : 'too-many-decimals',
        currency,
      ),
    );
  return t(`checkout.error.${error}`, { min });
}

/** The checkout form with its errors; the product page posts the same fields. */
export function CheckoutPage({
  ctx,
  product,
  values,
  error,
  taxMode,
  testMode,
  vat,
  business,
  withdrawal = 'digital',
  conflict,
  price,
  priceNotice,
  choice,
  referral,
}: Props) {
  const t = ctx.t;
  const min = formatMoney(product.min_price_minor, product.currency, ctx.locale);
  const message = conflict
    ? countryConflictMessage(ctx, conflict)
    : error
      ? errorText(t, error, product.currency, min)
      : undefined;
  const where = fieldOf(error);
  const free = product.pricing === 'free';
  return (
    <Layout ctx={ctx} title={t('checkout.title')}>
      {testMode && <p class="test-mode">{t('payments.testMode')}</p>}
      <div class="checkout">
        <section class="panel" aria-labelledby="h-summary">
          <h1 id="h-summary">{t('checkout.summary')}</h1>
          <p class="checkout-product">{product.title}</p>
          {choice && (
            <p>
              <a href={choice.changeUrl}>{t('checkout.choice.change')}</a>
            </p>
          )}
          {price ? (
            <PriceLines ctx={ctx} price={price} />
          ) : (
            product.pricing === 'fixed' && (
              <p class="checkout-price">{formatMoney(product.price_minor, product.currency, ctx.locale)}</p>
            )
          )}
          {vat && <VatNote ctx={ctx} vat={vat} currency={product.currency} />}
        </section>
        <section class="panel">
          {message && where === 'form' && <Alert kind="error">{message}</Alert>}
          {priceNotice && price && !message && (
            <Alert kind={priceNotice === 'check' ? 'info' : 'success'}>
              {t(priceNotice === 'check' ? 'checkout.price.check' : 'checkout.price.applied', {
                total: formatMoney(price.totalMinor, price.currency, ctx.locale),
              })}
            </Alert>
          )}
          <Form ctx={ctx} action="/checkout">
            <input type="hidden" name="productId" value={product.id} />
            {choice && <input type="hidden" name="choice" value={choice.value} />}
            {choice &&
              Object.entries(choice.details).map(([k, v]) => <input type="hidden" name={`d.${k}`} value={v} />)}
            {price && <input type="hidden" name="quoted" value={quoteKey(values.discountCode, values.amount)} />}
            {referral && <input type="hidden" name="ref" value={referral} />}
            <Field
              name="email"
              type="email"
              label={t('checkout.email')}
              value={values.email}
              hint={t(EMAIL_HINT[product.kind])}
              error={where === 'email' ? message : undefined}
              required
              autocomplete="email"
            />
            <Field name="name" label={t('checkout.name')} value={values.name} autocomplete="name" />
            {!free && (
              <BillingCountryField
                ctx={ctx}
                value={values.billingCountry}
                error={where === 'country' ? message : undefined}
                confirm={conflict}
              />
            )}
            {product.pricing === 'pwyw' && (
              <Field
                name="amount"
                label={t('checkout.amount', { currency: product.currency })}
                value={values.amount || suggestedAmount(product, ctx.locale)}
                hint={t('checkout.amount.hint', { min })}
                error={where === 'amount' ? message : undefined}
                inputmode="decimal"
                required
              />
            )}
            {!free && (
              <Field
                name="discountCode"
                label={t('checkout.discountCode')}
                value={values.discountCode}
                error={where === 'discountCode' ? message : undefined}
                autocomplete="off"
                action={
                  // Shows the price with the code on this page; checks nothing else (no required fields yet).
                  <button type="submit" name="step" value="price" class="secondary" formnovalidate>
                    {t('checkout.price.button')}
                  </button>
                }
              />
            )}
            {!free && business && (
              <details class="business" open={Boolean(values.vatId) || where === 'vatId' || where === 'address'}>
                <summary>{t('checkout.business')}</summary>
                <Field
                  name="vatId"
                  label={t('checkout.vatId')}
                  value={values.vatId}
                  hint={t('checkout.vatId.hint')}
                  error={where === 'vatId' ? message : undefined}
                  autocomplete="off"
                />
                <AddressFields ctx={ctx} address={values.address} error={where === 'address' ? message : undefined} />
              </details>
            )}
            {!free && (
              <WithdrawalFields
                ctx={ctx}
                withdrawal={withdrawal}
                error={where === 'consent' ? message : undefined}
                checked={withdrawal === 'service' ? values.serviceConsent : values.digitalConsent}
              />
            )}
            <CheckoutLegalLinks ctx={ctx} />
            {!free && (
              <OrderSummaryNote
                ctx={ctx}
                product={product}
                taxMode={taxMode}
                vat={vat}
                withdrawal={withdrawal}
                price={price}
              />
            )}
            <button type="submit" class="btn-block">
              {free ? t('checkout.submitFree') : t('checkout.submit')}
            </button>
            {!free && <p class="hint muted">{t('checkout.secure')}</p>}
          </Form>
        </section>
      </div>
    </Layout>
  );
}

/** The optional billing address of a business purchase (full invoices over 250 EUR need it). */
export function AddressFields({
  ctx,
  address,
  error,
}: {
  ctx: PageContext;
  address: BillingAddress;
  error?: string | undefined;
}) {
  const t = ctx.t;
  return (
    <fieldset class={error ? 'address invalid' : 'address'}>
      <legend>{t('checkout.address.legend')}</legend>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <Field name="billingName" label={t('checkout.address.name')} value={address.name} autocomplete="organization" />
      <Field
        name="billingStreet"
        label={t('checkout.address.street')}
        value={address.street}
        autocomplete="street-address"
      />
      <Field
        name="billingPostcode"
        label={t('checkout.address.postcode')}
        value={address.postcode}
        autocomplete="postal-code"
      />
      <Field name="billingCity" label={t('checkout.address.city')} value={address.city} autocomplete="address-level2" />
    </fieldset>
  );
}

/** Price, discount with its code, and the total the buyer will be charged. */
function PriceLines({ ctx, price }: { ctx: PageContext; price: ShownPrice }) {
  const t = ctx.t;
  const m = (minor: number) => formatMoney(minor, price.currency, ctx.locale);
  return (
    <dl class="price-lines">
      <dt>{t('checkout.subtotal')}</dt>
      <dd>{m(price.subtotalMinor)}</dd>
      {price.discountMinor > 0 && (
        <>
          <dt>{t('checkout.discountWithCode', { code: price.code })}</dt>
          <dd>−{m(price.discountMinor)}</dd>
        </>
      )}
      <dt class="total">{t('checkout.total')}</dt>
      <dd class="total">{m(price.totalMinor)}</dd>
    </dl>
  );
}

/** The VAT inside the gross price for the chosen country (PAngV: prices are gross; the VAT is stated). */
function VatNote({ ctx, vat, currency }: { ctx: PageContext; vat: VatPreview; currency: string }) {
  const t = ctx.t;
  const country = countryName(vat.taxCountry ?? vat.buyerCountry, ctx.locale);
  let text: string;
  if (vat.scheme === 'small_business') text = t('checkout.vat.smallBusiness');
  else if (vat.rateBp === 0) text = t('checkout.vat.none', { country: countryName(vat.buyerCountry, ctx.locale) });
  else {
    const rate = `${formatRate(vat.rateBp)} %`;
    text =
      vat.taxMinor === null
        ? t('checkout.vat.rateOnly', { rate, country })
        : t('checkout.vat.included', { tax: formatMoney(vat.taxMinor, currency, ctx.locale), rate, country });
  }
  return <p class="checkout-vat hint">{text}</p>;
}
