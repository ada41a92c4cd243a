import { z } from 'zod';
import type { DiscountCode, DiscountKind } from '../../db/schema.js';
import { formatAmountInput, isCurrencyCode, readAmount } from '../../domain/money.js';
import { amountErrorKey } from '../../web/amount-errors.js';
import type { Params } from '../../web/i18n.js';
import type { MessageKey } from '../../web/messages.js';
import { addDays, localDay } from '../analytics/time-zone.js';
import { localInputToUtc } from '../posts/local-time.js';
import { CODE_PATTERN, normalizeCode } from './redeem.js';

const text = (max: number) => z.string().max(max).default('');

/** The form as posted: text only; the rules below turn it into values or errors. */
export const discountFormBody = z.object({
  /** Kept for the CSRF check, which runs after validation. */
  _csrf: z.string().max(200).optional(),
  code: text(100),
  kind: text(20),
  percent: text(20),
  amount: text(40),
  currency: text(10),
  productId: text(100),
  expiresOn: text(20),
  maxRedemptions: text(20),
  active: z.string().max(10).optional(),
});

export type DiscountFormInput = z.infer<typeof discountFormBody>;
export type DiscountField = Exclude<keyof DiscountFormInput, 'active' | '_csrf'>;
export type FormError = { key: MessageKey; params?: Params };
export type DiscountFormErrors = Partial<Record<DiscountField, FormError>>;

export type DiscountValues = {
  code: string;
  kind: DiscountKind;
  percentOff: number | null;
  amountOffMinor: number | null;
  currency: string | null;
  productId: string | null;
  expiresAt: string | null;
  maxRedemptions: number | null;
  active: boolean;
};

export type ProductChoice = { id: string; title: string; currency: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_USES = 10_000_000;

/**
 * "2026-12-31" -> the last millisecond of that day on the store's clock
 * (`timeZone`); undefined if no such day.
 */
export function endOfDayIso(date: string, timeZone: string): string | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== date) return undefined;
  const nextMidnight = localInputToUtc(`${addDays(date, 1)}T00:00`, timeZone);
  return nextMidnight ? new Date(nextMidnight.getTime() - 1).toISOString() : undefined;
}

function wholeNumber(s: string, min: number, max: number): number | undefined {
  if (!/^\d{1,9}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/** Checks a posted discount form; errors name the field and the text to show. */
export function parseDiscountForm(
  input: DiscountFormInput,
  products: ProductChoice[],
  /** The admin's language: how amounts are written ("12,50" in German). */
  locale: string,
  /** The store's time zone: the expiry date is a day on its clock. */
  timeZone: string,
): { ok: true; values: DiscountValues } | { ok: false; errors: DiscountFormErrors } {
  const errors: DiscountFormErrors = {};
  const code = normalizeCode(input.code);
  if (!CODE_PATTERN.test(code)) errors.code = { key: 'discounts.error.code' };

  const kind = input.kind === 'percent' || input.kind === 'amount' ? input.kind : undefined;
  if (!kind) errors.kind = { key: 'discounts.error.kind' };

  const productId = input.productId.trim() || null;
  const product = productId ? products.find((p) => p.id === productId) : undefined;
  if (productId && !product) errors.productId = { key: 'discounts.error.product' };

  let percentOff: number | null = null;
  let amountOffMinor: number | null = null;
  let currency: string | null = null;
  if (kind === 'percent') {
    percentOff = wholeNumber(input.percent.trim(), 1, 100) ?? null;
    if (percentOff === null) errors.percent = { key: 'discounts.error.percent' };
  } else if (kind === 'amount') {
    currency = isCurrencyCode(input.currency) ? input.currency : null;
    if (!currency) errors.currency = { key: 'discounts.error.currency' };
    else if (product && product.currency !== currency) {
      errors.currency = { key: 'discounts.error.productCurrency', params: { currency: product.currency } };
    }
    const read = currency && input.amount.trim() ? readAmount(input.amount, currency, locale) : undefined;
    amountOffMinor = read?.ok && read.minor > 0 ? read.minor : null;
    if (read && !read.ok && read.reason !== 'invalid' && currency)
      errors.amount = { key: amountErrorKey(read.reason, currency) };
    else if (amountOffMinor === null) errors.amount = { key: 'discounts.error.amount' };
  }

  const expiresOn = input.expiresOn.trim();
  const expiresAt = expiresOn ? (endOfDayIso(expiresOn, timeZone) ?? null) : null;
  if (expiresOn && !expiresAt) errors.expiresOn = { key: 'discounts.error.expires' };

  const maxText = input.maxRedemptions.trim();
  const maxRedemptions = maxText ? (wholeNumber(maxText, 1, MAX_USES) ?? null) : null;
  if (maxText && maxRedemptions === null) errors.maxRedemptions = { key: 'discounts.error.max' };

  if (Object.keys(errors).length > 0 || !kind) return { ok: false, errors };
  return {
    ok: true,
    values: {
      code,
      kind,
      percentOff,
      amountOffMinor,
      currency,
      productId,
      expiresAt,
      maxRedemptions,
      active: input.active !== undefined,
    },
  };
}

/** A stored code as the form shows it, for editing. */
export function formInputOf(code: DiscountCode, locale: string, timeZone: string): DiscountFormInput {
  return {
    code: code.code,
    kind: code.kind,
    percent: code.percent_off === null ? '' : String(code.percent_off),
    amount:
      code.amount_off_minor === null || code.currency === null
        ? ''
        : formatAmountInput(code.amount_off_minor, code.currency, locale),
    currency: code.currency ?? '',
    productId: code.product_id ?? '',
    expiresOn: code.expires_at ? localDay(code.expires_at, timeZone) : '',
    maxRedemptions: code.max_redemptions === null ? '' : String(code.max_redemptions),
    active: code.active === 1 ? 'on' : undefined,
  };
}

/** A new code's form: percent, store currency, active. */
export function blankFormInput(currency: string): DiscountFormInput {
  return {
    code: '',
    kind: 'percent',
    percent: '',
    amount: '',
    currency,
    productId: '',
    expiresOn: '',
    maxRedemptions: '',
    active: 'on',
  };
}
