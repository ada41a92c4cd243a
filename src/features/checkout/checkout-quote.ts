import type { Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { findDiscountByCode, normalizeCode } from '../discounts/redeem.js';
import { type PricedProduct, type Quote, type QuoteError, quote } from './pricing.js';

/** The price a buyer is shown before the order button: the server's quote, with the code it includes. */
export type ShownPrice = Quote & { code: string };

export type ShownPriceResult = { ok: true; price: ShownPrice } | { ok: false; error: QuoteError | 'discount-unknown' };

/**
 * Works the price out as checkout will (the same pure `quote`), without
 * redeeming the code: for the "check code" step and the total above the order
 * button.
 */
export async function priceForBuyer(
  db: Db,
  input: { product: PricedProduct; offered?: string | undefined; discountCode?: string | undefined; locale: string },
): Promise<ShownPriceResult> {
  const code = input.discountCode?.trim() ?? '';
  const discount = code ? await findDiscountByCode(db, code) : undefined;
  if (code && !discount) return { ok: false, error: 'discount-unknown' };
  const priced = quote({
    product: input.product,
    offered: input.offered,
    discount,
    now: isoNow(),
    locale: input.locale,
  });
  if (!priced.ok) return priced;
  return { ok: true, price: { ...priced.quote, code: discount?.code ?? '' } };
}

/**
 * What a shown price was worked out for (code and typed amount). The form
 * carries it back; an order whose code or amount differs from what the buyer
 * was shown is not placed but priced and shown first.
 */
export function quoteKey(discountCode: string | undefined, amount: string | undefined): string {
  const code = discountCode?.trim() ? normalizeCode(discountCode.trim()) : '';
  return `${code}|${amount?.trim() ?? ''}`;
}

/** Whether a posted form must show its price before an order: a code the buyer has not seen applied yet. */
export function needsPriceCheck(form: {
  discountCode?: string | undefined;
  amount?: string | undefined;
  quoted?: string | undefined;
}): boolean {
  if (!form.discountCode?.trim()) return false;
  return form.quoted !== quoteKey(form.discountCode, form.amount);
}
