import type { DiscountCode } from '../../db/schema.js';
import { percentOf } from '../../domain/money.js';

/** Why a code can or cannot be used; the checkout turns each answer into a message. */
export type DiscountCheck = 'ok' | 'inactive' | 'expired' | 'used-up' | 'wrong-product' | 'wrong-currency';

export type DiscountContext = { productId: string; currency: string; now: string };

export type DiscountRuleFields = Pick<
  DiscountCode,
  'kind' | 'currency' | 'product_id' | 'expires_at' | 'max_redemptions' | 'redemptions' | 'active'
>;

export type DiscountValueFields = Pick<DiscountCode, 'kind' | 'percent_off' | 'amount_off_minor'>;

/** Whether a code applies to a purchase of one product; the first failing rule wins. */
export function checkDiscount(code: DiscountRuleFields, ctx: DiscountContext): DiscountCheck {
  const now = Date.parse(ctx.now);
  if (Number.isNaN(now)) throw new RangeError(`not an ISO time: ${ctx.now}`);
  if (code.active !== 1) return 'inactive';
  if (code.expires_at !== null && now > Date.parse(code.expires_at)) return 'expired';
  if (code.max_redemptions !== null && code.redemptions >= code.max_redemptions) return 'used-up';
  if (code.product_id !== null && code.product_id !== ctx.productId) return 'wrong-product';
  if (code.kind === 'amount' && code.currency !== ctx.currency) return 'wrong-currency';
  return 'ok';
}

/**
 * The discount in minor units for a subtotal: a percentage rounds half up to
 * the minor unit; never more than the subtotal, never negative.
 */
export function discountAmount(code: DiscountValueFields, subtotalMinor: number): number {
  if (!Number.isSafeInteger(subtotalMinor) || subtotalMinor <= 0) return 0;
  const raw =
    code.kind === 'percent'
      ? percentOf(subtotalMinor, Math.min(100, Math.max(0, code.percent_off ?? 0)))
      : (code.amount_off_minor ?? 0);
  return Math.min(subtotalMinor, Math.max(0, raw));
}

/** The state the admin list shows: the purchase-independent rules only. */
export function discountState(code: DiscountRuleFields, now: string): 'active' | 'inactive' | 'expired' | 'used-up' {
  const r = checkDiscount({ ...code, product_id: null, kind: 'percent' }, { productId: '', currency: '', now });
  return r === 'ok' || r === 'wrong-product' || r === 'wrong-currency' ? 'active' : r;
}
