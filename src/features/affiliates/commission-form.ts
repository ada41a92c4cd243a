import { z } from 'zod';
import type { Affiliate, CommissionKind } from '../../db/schema.js';
import { formatAmountInput, readAmount } from '../../domain/money.js';
import type { FieldErrors } from '../../web/components.js';
import type { Translate } from '../../web/messages.js';
import type { CommissionInput } from './manage-affiliates.js';

/** "20", "12.5" or "12,5" percent → basis points; undefined outside 0–100 or not a number. */
export function readPercent(text: string): number | undefined {
  const s = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return undefined;
  const bp = Math.round(Number(s) * 100);
  return bp <= 10_000 ? bp : undefined;
}

export function percentInput(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(bp / 100);
}

/** The form's values as text, per product too (`o.<productId>.kind` / `o.<productId>.value`). */
export type CommissionValues = {
  kind: string;
  percent: string;
  fixed: string;
  cookieDays: string;
  coupon: string;
  overrides: Record<string, { kind: string; value: string }>;
};

export function storedCommissionValues(
  a: Affiliate,
  overrides: {
    product_id: string;
    commission_kind: CommissionKind;
    commission_percent_bp: number;
    commission_fixed_minor: number;
  }[],
  couponId: string | undefined,
  locale: string,
): CommissionValues {
  const amount = (minor: number) => formatAmountInput(minor, a.currency, locale);
  return {
    kind: a.commission_kind,
    percent: percentInput(a.commission_percent_bp, locale),
    fixed: amount(a.commission_fixed_minor),
    cookieDays: String(a.cookie_days),
    coupon: couponId ?? '',
    overrides: Object.fromEntries(
      overrides.map((o) => [
        o.product_id,
        {
          kind: o.commission_kind,
          value:
            o.commission_kind === 'percent'
              ? percentInput(o.commission_percent_bp, locale)
              : amount(o.commission_fixed_minor),
        },
      ]),
    ),
  };
}

const KIND = z.enum(['percent', 'fixed']);

/** Reads the posted commission form; errors are keyed by field name (`o.<id>.value` for a product). */
export function readCommissionForm(
  body: Record<string, unknown>,
  p: { currency: string; locale: string; productIds: readonly string[]; couponIds: readonly string[]; t: Translate },
):
  | { ok: true; input: CommissionInput; values: CommissionValues }
  | { ok: false; values: CommissionValues; errors: FieldErrors } {
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim().slice(0, 40) : '');
  const values: CommissionValues = {
    kind: text('kind'),
    percent: text('percent'),
    fixed: text('fixed'),
    cookieDays: text('cookieDays'),
    coupon: text('coupon'),
    overrides: {},
  };
  const errors: FieldErrors = {};
  const amount = (s: string) => {
    const r = readAmount(s || '0', p.currency, p.locale);
    return r.ok ? r.minor : undefined;
  };
  const kind = KIND.safeParse(values.kind).data ?? 'percent';
  const percentBp = readPercent(values.percent || '0');
  if (percentBp === undefined) errors.percent = p.t('affiliates.error.percent');
  const fixedMinor = amount(values.fixed);
  if (fixedMinor === undefined) errors.fixed = p.t('affiliates.error.amount');
  const cookieDays = Number(values.cookieDays);
  if (!Number.isInteger(cookieDays) || cookieDays < 1 || cookieDays > 365)
    errors.cookieDays = p.t('affiliates.error.days', { min: 1 });
  const overrides: CommissionInput['overrides'] = [];
  for (const productId of p.productIds) {
    const o = { kind: text(`o.${productId}.kind`), value: text(`o.${productId}.value`) };
    values.overrides[productId] = o;
    const okind = KIND.safeParse(o.kind).data;
    if (!okind) continue;
    const v = okind === 'percent' ? readPercent(o.value) : amount(o.value);
    if (v === undefined) {
      errors[`o.${productId}.value`] = p.t(
        okind === 'percent' ? 'affiliates.error.percent' : 'affiliates.error.amount',
      );
      continue;
    }
    overrides.push({
      productId,
      kind: okind,
      percentBp: okind === 'percent' ? v : 0,
      fixedMinor: okind === 'fixed' ? v : 0,
    });
  }
  const couponCodeId = p.couponIds.includes(values.coupon) ? values.coupon : null;
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return {
    ok: true,
    values,
    input: { kind, percentBp: percentBp ?? 0, fixedMinor: fixedMinor ?? 0, cookieDays, overrides, couponCodeId },
  };
}
