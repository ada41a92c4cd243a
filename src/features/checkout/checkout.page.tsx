import type { Product } from '../../db/schema.js';
import { formatMoney, toDecimalString } from '../../domain/money.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { CheckoutLegalLinks, DigitalConsentField, OrderSummaryNote } from '../legal/checkout-parts.js';
import type { TaxMode } from '../legal/tax-mode.js';
import type { CheckoutError } from './start-checkout.js';

export type CheckoutValues = { email: string; name: string; amount: string; discountCode: string };

type Props = {
  ctx: PageContext;
  product: Pick<
    Product,
    'id' | 'title' | 'pricing' | 'currency' | 'price_minor' | 'min_price_minor' | 'suggested_price_minor'
  >;
  values: CheckoutValues;
  error?: CheckoutPageError | undefined;
  taxMode: TaxMode;
  testMode: boolean;
};

export type CheckoutPageError = CheckoutError | 'email-invalid';

function fieldOf(error: CheckoutPageError | undefined): 'email' | 'amount' | 'discountCode' | 'consent' | 'form' {
  if (!error) return 'form';
  if (error === 'email-invalid') return 'email';
  if (error === 'consent-missing') return 'consent';
  if (error.startsWith('amount')) return 'amount';
  if (error.startsWith('discount')) return 'discountCode';
  return 'form';
}

/** The checkout form with its errors; the product page posts the same fields. */
export function CheckoutPage({ ctx, product, values, error, taxMode, testMode }: Props) {
  const t = ctx.t;
  const min = formatMoney(product.min_price_minor, product.currency, ctx.locale);
  const message = error ? t(`checkout.error.${error}`, { min }) : undefined;
  const where = fieldOf(error);
  const free = product.pricing === 'free';
  return (
    <Layout ctx={ctx} title={t('checkout.title')}>
      {testMode && <p class="test-mode">{t('payments.testMode')}</p>}
      <div class="checkout">
        <section class="panel" aria-labelledby="h-summary">
          <h1 id="h-summary">{t('checkout.summary')}</h1>
          <p class="checkout-product">{product.title}</p>
          {product.pricing === 'fixed' && (
            <p class="checkout-price">{formatMoney(product.price_minor, product.currency, ctx.locale)}</p>
          )}
        </section>
        <section class="panel">
          {message && where === 'form' && <Alert kind="error">{message}</Alert>}
          <Form ctx={ctx} action="/checkout">
            <input type="hidden" name="productId" value={product.id} />
            <Field
              name="email"
              type="email"
              label={t('checkout.email')}
              value={values.email}
              hint={t('checkout.email.hint')}
              error={where === 'email' ? message : undefined}
              required
              autocomplete="email"
            />
            <Field name="name" label={t('checkout.name')} value={values.name} autocomplete="name" />
            {product.pricing === 'pwyw' && (
              <Field
                name="amount"
                label={t('checkout.amount', { currency: product.currency })}
                value={
                  values.amount ||
                  toDecimalString(product.suggested_price_minor ?? product.min_price_minor, product.currency)
                }
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
              />
            )}
            {!free && <DigitalConsentField ctx={ctx} error={where === 'consent' ? message : undefined} />}
            <CheckoutLegalLinks ctx={ctx} />
            {!free && <OrderSummaryNote ctx={ctx} product={product} taxMode={taxMode} />}
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
