import { z } from 'zod';
import type { Order, OrderPaymentDetails } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { providerLabel } from '../payments/provider-label.js';
import { countryName } from '../tax/countries.js';
import { DateTime, money, OrderStatusBadge } from './parts.js';

/** The one piece of the stored tax evidence this panel compares with; the rest is the tax panel's. */
const evidenceCountry = z.object({ billingCountry: z.string().regex(/^[A-Z]{2}$/) });

/** The billing country the VAT decision rests on: from the order's tax evidence, else its billing country. */
export function evidenceBillingCountry(order: Pick<Order, 'tax_evidence' | 'billing_country'>): string | null {
  if (order.tax_evidence) {
    try {
      const parsed = evidenceCountry.safeParse(JSON.parse(order.tax_evidence));
      if (parsed.success) return parsed.data.billingCountry;
    } catch {
      // Unreadable evidence: fall back to the order's own column.
    }
  }
  return order.billing_country ?? null;
}

function country(ctx: PageContext, code: string): string {
  return `${countryName(code, ctx.locale)} (${code})`;
}

/** Fee and payout: as the provider reported them, in the currency it charged the fee in. */
function FeeRows({ ctx, order, d }: { ctx: PageContext; order: Order; d: OrderPaymentDetails | undefined }) {
  const t = ctx.t;
  if (order.total_minor === 0 || order.provider === 'free') return null;
  if (d?.fee_minor === null || d?.fee_minor === undefined || !d.fee_currency) {
    return (
      <>
        <dt>{t('orders.payment.fee')}</dt>
        <dd class="muted">{order.paid_at ? t('orders.payment.feeUnknown') : '–'}</dd>
      </>
    );
  }
  const other = d.fee_currency !== order.currency;
  return (
    <>
      <dt>{t('orders.payment.fee')}</dt>
      <dd>
        {money(ctx, Number(d.fee_minor), d.fee_currency)}
        {order.provider === 'test' && <span class="muted"> {t('orders.payment.testFee')}</span>}
        {other && <div class="hint">{t('orders.payment.otherCurrency', { currency: d.fee_currency })}</div>}
      </dd>
      {d.net_minor !== null && (
        <>
          <dt>{t('orders.payment.net')}</dt>
          <dd>
            {money(ctx, Number(d.net_minor), d.fee_currency)}
            {order.refunded_minor > 0 && <div class="hint">{t('orders.payment.netBeforeRefunds')}</div>}
          </dd>
        </>
      )}
    </>
  );
}

/** The card's country, and a note when it is not the billing country the VAT was decided on. */
function CardCountry({ ctx, order, d }: { ctx: PageContext; order: Order; d: OrderPaymentDetails | undefined }) {
  const t = ctx.t;
  const card = d?.card_country;
  const billing = evidenceBillingCountry(order);
  return (
    <>
      <dt>{t('orders.payment.cardCountry')}</dt>
      <dd>
        {card ? country(ctx, card) : <span class="muted">{t('orders.payment.cardCountryUnknown')}</span>}
        {card && billing && card !== billing && (
          <div class="evidence-conflict">
            {t('orders.payment.cardCountryDiffers', { billing: country(ctx, billing) })}
          </div>
        )}
      </dd>
    </>
  );
}

/**
 * The card's country as a row of the tax panel's location evidence (its
 * `cardEvidence` slot); nothing when the payment reported none.
 */
export function CardEvidenceItem({
  ctx,
  order,
  details,
}: {
  ctx: PageContext;
  order: Order;
  details: OrderPaymentDetails | undefined;
}) {
  const card = details?.card_country;
  if (!card) return null;
  const billing = evidenceBillingCountry(order);
  return (
    <li class={billing && billing !== card ? 'evidence-conflict' : undefined}>
      {ctx.t('orders.payment.cardEvidence', { country: country(ctx, card) })}
    </li>
  );
}

/**
 * How the order was paid: status, provider and reference, times, discount
 * code, and what the provider reported about the payment (its fee, the net
 * payout, the card's country).
 */
export function PaymentPanel({
  ctx,
  order,
  code,
  details,
}: {
  ctx: PageContext;
  order: Order;
  code: string | undefined;
  details: OrderPaymentDetails | undefined;
}) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-payment">
      <h2 id="h-payment">{t('orders.detail.payment')}</h2>
      <dl class="meta">
        <dt>{t('orders.detail.status')}</dt>
        <dd>
          <OrderStatusBadge ctx={ctx} status={order.status} />
        </dd>
        <dt>{t('orders.detail.provider')}</dt>
        <dd>{providerLabel(t, order.provider)}</dd>
        <dt>{t('orders.detail.providerRef')}</dt>
        <dd>{order.provider_ref ? <code>{order.provider_ref}</code> : '–'}</dd>
        <FeeRows ctx={ctx} order={order} d={details} />
        {order.provider !== 'free' && <CardCountry ctx={ctx} order={order} d={details} />}
        <dt>{t('orders.detail.created')}</dt>
        <dd>
          <DateTime ctx={ctx} iso={order.created_at} />
        </dd>
        <dt>{t('orders.detail.paidAt')}</dt>
        <dd>
          <DateTime ctx={ctx} iso={order.paid_at} />
        </dd>
        {order.refunded_at && (
          <>
            <dt>{t('orders.detail.refundedAt')}</dt>
            <dd>
              <DateTime ctx={ctx} iso={order.refunded_at} />
            </dd>
          </>
        )}
        <dt>{t('orders.detail.discountCode')}</dt>
        <dd>{code ? <code>{code}</code> : '–'}</dd>
      </dl>
    </section>
  );
}
