import type { DiscountCode, Product } from '../../db/schema.js';
import { type AmountProblem, readAmount } from '../../domain/money.js';
import { checkDiscount, discountAmount } from '../discounts/discount-rules.js';

export type PricedProduct = Pick<
  Product,
  'id' | 'pricing' | 'currency' | 'price_minor' | 'min_price_minor' | 'suggested_price_minor'
>;

export type QuoteInput = {
  product: PricedProduct;
  /** What a pay-what-you-want buyer typed; ignored for fixed and free prices. */
  offered?: string | undefined;
  /** The buyer's language: how they write amounts ("12,50" in German). */
  locale: string;
  discount?: DiscountCode | undefined;
  now: string;
};

export type Quote = { currency: string; subtotalMinor: number; discountMinor: number; totalMinor: number };

export type QuoteError =
  | `amount-${AmountProblem}`
  | 'amount-below-minimum'
  | 'discount-inactive'
  | 'discount-expired'
  | 'discount-used-up'
  | 'discount-wrong-product'
  | 'discount-wrong-currency';

/**
 * The server's price for one product: the only amount an order ever uses.
 * Pure: no I/O, every rule unit-tested.
 */
export function quote({
  product,
  offered,
  discount,
  now,
  locale,
}: QuoteInput): { ok: true; quote: Quote } | { ok: false; error: QuoteError } {
  const base = basePrice(product, offered, locale);
  if (typeof base === 'string') return { ok: false, error: base };
  let discountMinor = 0;
  if (discount) {
    const check = checkDiscount(discount, { productId: product.id, currency: product.currency, now });
    if (check !== 'ok') return { ok: false, error: `discount-${check}` };
    discountMinor = discountAmount(discount, base);
  }
  return {
    ok: true,
    quote: { currency: product.currency, subtotalMinor: base, discountMinor, totalMinor: base - discountMinor },
  };
}

function basePrice(product: PricedProduct, offered: string | undefined, locale: string): number | QuoteError {
  if (product.pricing === 'free') return 0;
  if (product.pricing === 'fixed') return product.price_minor;
  const text = offered?.trim() ?? '';
  if (text === '') return product.suggested_price_minor ?? product.min_price_minor;
  const amount = readAmount(text, product.currency, locale);
  if (!amount.ok) return `amount-${amount.reason}`;
  if (amount.minor < product.min_price_minor) return 'amount-below-minimum';
  return amount.minor;
}
