import type { ProductKind } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import type { ShownPrice } from '../checkout/checkout-quote.js';
import type { VatPreview } from '../checkout/order-tax.js';
import { countryName } from '../tax/countries.js';
import type { TaxMode } from './tax-mode.js';
import type { WithdrawalCase } from './withdrawal-case.js';

/** The consent checkbox's field name: part of the checkout form's contract. */
export const CONSENT_FIELD = 'digitalConsent';
/** The services' early-start request (§ 356 (4), § 357a (2) BGB). */
export const SERVICE_CONSENT_FIELD = 'serviceConsent';

type Priced = {
  title: string;
  kind: ProductKind;
  pricing: string;
  currency: string;
  price_minor: number;
  min_price_minor: number;
};

/** Which sentence states the tax in the total: VAT included, § 19 UStG, or no VAT for the buyer's country. */
type TaxNote = 'incVat' | 'smallBusiness' | 'noVat';

function taxNoteOf(taxMode: TaxMode, vat: VatPreview | undefined): TaxNote {
  if (vat) return vat.scheme === 'small_business' ? 'smallBusiness' : vat.rateBp === 0 ? 'noVat' : 'incVat';
  return taxMode === 'small_business' ? 'smallBusiness' : 'incVat';
}

/**
 * § 312j (2) BGB: right above the order button, what is bought and the total
 * gross price. With a VAT decision for the chosen country (`vat`) the note
 * says what applies to it (no VAT outside the EU, § 19 UStG); without one the
 * store's mode decides.
 */
export function OrderSummaryNote({
  ctx,
  product,
  taxMode,
  vat,
  withdrawal = 'digital',
  price: shown,
}: {
  ctx: PageContext;
  product: Priced;
  taxMode: TaxMode;
  vat?: VatPreview | undefined;
  withdrawal?: WithdrawalCase | undefined;
  /** The server's price for the typed code and amount: the total the buyer will be charged. */
  price?: ShownPrice | undefined;
}) {
  const t = ctx.t;
  const note = taxNoteOf(taxMode, vat);
  const country = vat ? countryName(vat.buyerCountry, ctx.locale) : '';
  let price: string;
  if (shown) {
    const total = formatMoney(shown.totalMinor, shown.currency, ctx.locale);
    price = t(`legal.checkout.summary.${note}`, { country, total });
  } else if (product.pricing === 'pwyw') {
    const min = formatMoney(product.min_price_minor, product.currency, ctx.locale);
    const key = (
      {
        incVat: 'legal.checkout.summary.pwyw',
        smallBusiness: 'legal.checkout.summary.pwywSmallBusiness',
        noVat: 'legal.checkout.summary.pwywNoVat',
      } as const
    )[note];
    price = t(key, { min, country });
  } else {
    const total = formatMoney(product.price_minor, product.currency, ctx.locale);
    price = t(`legal.checkout.summary.${note}`, { country, total });
  }
  return (
    <div class="order-summary">
      <p>{t(summaryKey(product.kind, withdrawal), { title: product.title })}</p>
      <p>
        <strong>{price}</strong>
      </p>
      {shown && shown.discountMinor > 0 && (
        <p class="muted">
          {t('legal.checkout.summary.discount', {
            code: shown.code,
            before: formatMoney(shown.subtotalMinor, shown.currency, ctx.locale),
            discount: formatMoney(shown.discountMinor, shown.currency, ctx.locale),
          })}
        </p>
      )}
    </div>
  );
}

/**
 * A separate consent box with its error; the server refuses the order without
 * it. Unticked, unless the buyer ticked it in the form being shown again.
 */
function ConsentBox(props: {
  id: string;
  name: string;
  legend: string;
  label: string;
  error?: string | undefined;
  checked?: boolean | undefined;
}) {
  const { id, error } = props;
  return (
    <fieldset class={error ? 'consent invalid' : 'consent'}>
      <legend>{props.legend}</legend>
      <div class="check">
        <input
          id={id}
          type="checkbox"
          name={props.name}
          value="1"
          checked={props.checked === true}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
        />
        <label for={id}>{props.label}</label>
      </div>
      {error && (
        <p class="error" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** § 356 (5) BGB: a separate, unticked box; the server refuses a paid order without it. */
export function DigitalConsentField({
  ctx,
  error,
  checked,
}: {
  ctx: PageContext;
  error?: string | undefined;
  checked?: boolean | undefined;
}) {
  return (
    <ConsentBox
      id="f-digital-consent"
      name={CONSENT_FIELD}
      legend={ctx.t('legal.checkout.consent.legend')}
      label={ctx.t('legal.checkout.consent.digital')}
      error={error}
      checked={checked}
    />
  );
}

/**
 * What the product's withdrawal rule asks of the buyer right before the order:
 * the digital-content consent, the services' early-start request, or for a
 * dated event the note that there is no right of withdrawal. `errorField`
 * names the box the error belongs to.
 */
export function WithdrawalFields({
  ctx,
  withdrawal,
  error,
  checked,
}: {
  ctx: PageContext;
  withdrawal: WithdrawalCase;
  error?: string | undefined;
  /** The buyer ticked the box in the form being shown again (another field had an error). */
  checked?: boolean | undefined;
}) {
  if (withdrawal === 'digital') return <DigitalConsentField ctx={ctx} error={error} checked={checked} />;
  if (withdrawal === 'service') return <ServiceConsentField ctx={ctx} error={error} checked={checked} />;
  if (withdrawal === 'event')
    return (
      <p class="no-withdrawal" id="no-withdrawal">
        <strong>{ctx.t('legal.checkout.event.noWithdrawal')}</strong>
      </p>
    );
  return null;
}

/** § 356 (4), § 357a (2) BGB: a separate, unticked box; the server refuses a paid service order without it. */
export function ServiceConsentField({
  ctx,
  error,
  checked,
}: {
  ctx: PageContext;
  error?: string | undefined;
  checked?: boolean | undefined;
}) {
  return (
    <ConsentBox
      id="f-service-consent"
      name={SERVICE_CONSENT_FIELD}
      legend={ctx.t('legal.checkout.consent.serviceLegend')}
      label={ctx.t('legal.checkout.consent.service')}
      error={error}
      checked={checked}
    />
  );
}

/** Terms, withdrawal instructions and privacy policy, linked right at the order button. */
export function CheckoutLegalLinks({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  const [before = '', rest = ''] = t('legal.checkout.legalLinks').split('{terms}');
  const [middle = '', rest2 = ''] = rest.split('{withdrawal}');
  const [middle2 = '', after = ''] = rest2.split('{privacy}');
  return (
    <p class="hint legal-links">
      {before}
      <a href="/terms">{t('legal.checkout.legalLinks.terms')}</a>
      {middle}
      <a href="/withdrawal">{t('legal.checkout.legalLinks.withdrawal')}</a>
      {middle2}
      <a href="/privacy">{t('legal.checkout.legalLinks.privacy')}</a>
      {after}
    </p>
  );
}

/** What the buyer is told they buy: a course and a podcast are named as such, other digital content as a download. */
function summaryKey(kind: ProductKind, withdrawal: string) {
  if (withdrawal !== 'digital') return 'legal.checkout.summary.itemOther' as const;
  if (kind === 'course') return 'legal.checkout.summary.course' as const;
  if (kind === 'podcast') return 'legal.checkout.summary.podcast' as const;
  return 'legal.checkout.summary.item' as const;
}
