import type { Selectable } from 'kysely';
import type { ComponentChildren } from 'preact';
import type { Order } from '../../db/schema.js';
import type { ViesChecksTable } from '../../db/tables/tax.js';
import type { PageContext } from '../../web/context.js';
import type { MessageKey } from '../../web/messages.js';
import type { BillingAddress, LocationEvidence } from '../checkout/order-tax.js';
import { isTaxScheme } from '../tax/categories.js';
import { countryName } from '../tax/countries.js';
import { formatRate } from '../tax/rates.js';
import { DateTime, money } from './parts.js';

/** Schemes under which no VAT is charged, so the order has no rate to show. */
const UNTAXED: readonly string[] = ['small_business', 'reverse_charge', 'non_eu'];

function parseJson<T>(text: string | null): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function country(ctx: PageContext, code: string | null | undefined): string {
  return code ? `${countryName(code, ctx.locale)} (${code})` : '–';
}

const SOURCES: Record<string, MessageKey> = {
  buyer: 'orders.tax.source.buyer',
  'accept-language': 'orders.tax.source.language',
  store: 'orders.tax.source.store',
};

const PIECES: Record<string, MessageKey> = {
  ip: 'orders.tax.piece.ip',
  language: 'orders.tax.piece.language',
  vat_id: 'orders.tax.piece.vat_id',
  card: 'orders.tax.piece.card',
};

/** Whether the buyer confirmed the billing country against the IP country (only said where the IP contradicted). */
function Confirmation({ ctx, evidence }: { ctx: PageContext; evidence: LocationEvidence }) {
  if (evidence.confirmedByBuyer) {
    return (
      <li class="evidence-conflict">
        {ctx.t('orders.tax.evidence.confirmed', { country: country(ctx, evidence.ipCountry) })}
      </li>
    );
  }
  if (evidence.conflicts.includes('ip')) return <li>{ctx.t('orders.tax.evidence.notAsked')}</li>;
  return null;
}

/**
 * The location evidence as stored with the order (Art. 24b/24f Implementing
 * Regulation 282/2011). `card` is the card country's row, rendered by the
 * payments side (its own component) right below the IP address.
 */
function Evidence({ ctx, evidence, card }: { ctx: PageContext; evidence: LocationEvidence; card?: ComponentChildren }) {
  const t = ctx.t;
  const source = SOURCES[evidence.billingCountrySource];
  let verdict: string;
  if (evidence.agree === true) verdict = t('orders.tax.evidence.agree');
  else if (evidence.agree === false) {
    const pieces = evidence.conflicts.map((p) => (PIECES[p] ? t(PIECES[p]) : p)).join(', ');
    verdict = t('orders.tax.evidence.conflict', { pieces });
  } else verdict = t('orders.tax.evidence.single');
  return (
    <>
      <h3 id="h-evidence">{t('orders.tax.evidence')}</h3>
      <ul class="evidence" aria-labelledby="h-evidence">
        <li>
          {t('orders.tax.evidence.billing', {
            country: country(ctx, evidence.billingCountry),
            source: source ? t(source) : evidence.billingCountrySource,
          })}
        </li>
        <li>{t('orders.tax.evidence.ip', { ip: evidence.ip ?? '–', country: country(ctx, evidence.ipCountry) })}</li>
        {card}
        <li>
          {t('orders.tax.evidence.language', {
            header: evidence.acceptLanguage ?? '–',
            country: country(ctx, evidence.languageCountry),
          })}
        </li>
        <li>{t('orders.tax.evidence.vatId', { country: country(ctx, evidence.vatIdCountry) })}</li>
        <li class={evidence.agree === false ? 'evidence-conflict' : undefined}>
          <strong>{verdict}</strong>
        </li>
        <Confirmation ctx={ctx} evidence={evidence} />
        {evidence.vatIdUnverified && (
          <li class="evidence-conflict">
            {t('orders.tax.evidence.unverified', {
              vatId: evidence.vatIdUnverified,
              error: evidence.viesError ?? '–',
            })}
          </li>
        )}
      </ul>
    </>
  );
}

/**
 * Read-only: the VAT decision made at checkout and what it rests on (scheme,
 * country, rate, VAT, the buyer's VAT ID and its VIES consultation, the
 * location evidence). Orders from before checkout decided VAT say so.
 */
export function TaxPanel({
  ctx,
  order,
  vies,
  cardEvidence,
}: {
  ctx: PageContext;
  order: Order;
  vies: Selectable<ViesChecksTable> | undefined;
  /** The card country from the payment (an `<li>`), shown with the evidence; left out until payments supply it. */
  cardEvidence?: ComponentChildren;
}) {
  const t = ctx.t;
  const evidence = parseJson<LocationEvidence>(order.tax_evidence);
  const address = parseJson<BillingAddress>(order.billing_address);
  const scheme = order.tax_scheme;
  return (
    <section class="panel tax-panel" aria-labelledby="h-tax">
      <h2 id="h-tax">{t('orders.tax.title')}</h2>
      {scheme === null && <p class="muted">{t('orders.tax.undecided')}</p>}
      {/* One list, so the decision and what it rests on share one label column. */}
      <dl class="meta">
        {scheme !== null && (
          <>
            <dt>{t('orders.tax.scheme')}</dt>
            <dd>{isTaxScheme(scheme) ? t(`orders.tax.scheme.${scheme}`) : scheme}</dd>
            <dt>{t('orders.tax.country')}</dt>
            <dd>{country(ctx, order.tax_country)}</dd>
            {/* No "0 %" where no VAT applies (§ 19, reverse charge, outside the EU): the scheme above says why. */}
            {!UNTAXED.includes(scheme) && (
              <>
                <dt>{t('orders.tax.rate')}</dt>
                <dd>{order.tax_rate_bp === null ? '–' : `${formatRate(order.tax_rate_bp)} %`}</dd>
              </>
            )}
            <dt>{t('orders.tax.amount')}</dt>
            <dd>{money(ctx, order.tax_minor, order.currency)}</dd>
          </>
        )}
        <dt>{t('orders.tax.billingCountry')}</dt>
        <dd>{country(ctx, order.billing_country)}</dd>
        <dt>{t('orders.tax.vatId')}</dt>
        <dd>{order.buyer_vat_id ? <code>{order.buyer_vat_id}</code> : '–'}</dd>
        <dt>{t('orders.tax.address')}</dt>
        <dd>
          {address
            ? [address.name, address.street, `${address.postcode} ${address.city}`.trim()].filter(Boolean).join(', ')
            : '–'}
        </dd>
        <dt>{t('orders.tax.vies')}</dt>
        <dd>
          {vies ? (
            <>
              {t(
                `orders.tax.vies.${vies.status === 'valid' || vies.status === 'invalid' ? vies.status : 'unavailable'}`,
                {
                  vatId: vies.vat_id,
                },
              )}
              {vies.consultation_number && (
                <>
                  {' · '}
                  {t('orders.tax.vies.number')} <code>{vies.consultation_number}</code>
                </>
              )}
              {vies.error && ` · ${vies.error}`}
              {' · '}
              <DateTime ctx={ctx} iso={vies.checked_at} />
            </>
          ) : (
            '–'
          )}
        </dd>
      </dl>
      {evidence ? (
        <Evidence ctx={ctx} evidence={evidence} card={cardEvidence} />
      ) : (
        <p class="muted">{t('orders.tax.noEvidence')}</p>
      )}
    </section>
  );
}
