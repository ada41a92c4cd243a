import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import type { TaxMode } from './tax-mode.js';

/** The consent checkbox's field name: part of the checkout form's contract. */
export const CONSENT_FIELD = 'digitalConsent';

type Priced = { title: string; pricing: string; currency: string; price_minor: number; min_price_minor: number };

/** § 312j (2) BGB: right above the order button, what is bought and the total gross price. */
export function OrderSummaryNote({ ctx, product, taxMode }: { ctx: PageContext; product: Priced; taxMode: TaxMode }) {
  const t = ctx.t;
  const small = taxMode === 'small_business';
  let price: string;
  if (product.pricing === 'pwyw') {
    const min = formatMoney(product.min_price_minor, product.currency, ctx.locale);
    price = t(small ? 'checkout.summary.pwywSmallBusiness' : 'checkout.summary.pwyw', { min });
  } else {
    const total = formatMoney(product.price_minor, product.currency, ctx.locale);
    price = `${t(small ? 'checkout.summary.smallBusiness' : 'checkout.summary.incVat')}: ${total}`;
  }
  return (
    <div class="order-summary">
      <p>{t('checkout.summary.item', { title: product.title })}</p>
      <p>
        <strong>{price}</strong>
      </p>
    </div>
  );
}

/** § 356 (5) BGB: a separate, unticked box; the server refuses a paid order without it. */
export function DigitalConsentField({ ctx, error }: { ctx: PageContext; error?: string | undefined }) {
  const id = 'f-digital-consent';
  return (
    <fieldset class={error ? 'consent invalid' : 'consent'}>
      <legend>{ctx.t('checkout.consent.legend')}</legend>
      <div class="check">
        <input
          id={id}
          type="checkbox"
          name={CONSENT_FIELD}
          value="1"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
        />
        <label for={id}>{ctx.t('checkout.consent.digital')}</label>
      </div>
      {error && (
        <p class="error" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Terms, withdrawal instructions and privacy policy, linked right at the order button. */
export function CheckoutLegalLinks({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  const [before = '', rest = ''] = t('checkout.legalLinks').split('{terms}');
  const [middle = '', rest2 = ''] = rest.split('{withdrawal}');
  const [middle2 = '', after = ''] = rest2.split('{privacy}');
  return (
    <p class="hint legal-links">
      {before}
      <a href="/terms">{t('checkout.legalLinks.terms')}</a>
      {middle}
      <a href="/withdrawal">{t('checkout.legalLinks.withdrawal')}</a>
      {middle2}
      <a href="/privacy">{t('checkout.legalLinks.privacy')}</a>
      {after}
    </p>
  );
}
