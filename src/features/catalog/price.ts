import type { Pricing } from '../../db/schema.js';
import { formatAmountInput, formatMoney, toDecimalString } from '../../domain/money.js';
import type { Translate } from '../../web/messages.js';

export type Priced = {
  pricing: Pricing;
  currency: string;
  price_minor: number;
  min_price_minor: number;
  suggested_price_minor: number | null;
};

/** "12,50 €", "Pay what you want, from €5.00" or "Free", in the reader's language. */
export function priceLabel(p: Priced, t: Translate, locale: string): string {
  if (p.pricing === 'free') return t('catalog.price.free');
  if (p.pricing === 'pwyw') {
    return p.min_price_minor > 0
      ? t('catalog.price.pwywFrom', { price: formatMoney(p.min_price_minor, p.currency, locale) })
      : t('catalog.price.pwyw');
  }
  return formatMoney(p.price_minor, p.currency, locale);
}

/** The price a machine should see (Open Graph, JSON-LD): the fixed price, or the least one may pay. */
export function offerPrice(p: Priced): string {
  const minor = p.pricing === 'fixed' ? p.price_minor : p.pricing === 'pwyw' ? p.min_price_minor : 0;
  return toDecimalString(minor, p.currency);
}

/** What the amount field of a pay-what-you-want form starts with, as the reader writes amounts ("12,50" in German). */
export function suggestedAmount(p: Priced, locale: string): string {
  return formatAmountInput(p.suggested_price_minor ?? p.min_price_minor, p.currency, locale);
}
