import { z } from 'zod';
import type { LicenseValidity } from '../../db/schema.js';
import type { MessageKey } from '../../web/messages.js';
import { localInputToUtc } from '../posts/local-time.js';

/** The admin's licensing forms: raw strings in, checked values or field errors out (pure). */

export type FormErrors = Partial<Record<string, MessageKey>>;
type Parsed<V> = { ok: true; values: V } | { ok: false; errors: FormErrors };

const text = z.string().max(100).optional().catch(undefined);

export const productLicensingBody = z.object({
  enabled: text,
  activation_limit: text,
  validity: text,
  validity_days: text,
});
export type ProductLicensingInput = z.infer<typeof productLicensingBody>;

export const keyLimitsBody = z.object({ activation_limit: text, expires_on: text });
export type KeyLimitsInput = z.infer<typeof keyLimitsBody>;

export type ProductLicensingValues = {
  enabled: boolean;
  activationLimit: number | null;
  validity: LicenseValidity;
  validityDays: number | null;
};

/** '' → null (unlimited); otherwise a whole number in range, or undefined for an error. */
function wholeNumber(raw: string | undefined, min: number, max: number): number | null | undefined {
  const v = (raw ?? '').trim();
  if (v === '') return null;
  if (!/^\d{1,7}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

export function parseProductLicensing(input: ProductLicensingInput): Parsed<ProductLicensingValues> {
  const errors: FormErrors = {};
  const activationLimit = wholeNumber(input.activation_limit, 1, 100_000);
  if (activationLimit === undefined) errors.activation_limit = 'licensing.error.limit';
  const validity: LicenseValidity =
    input.validity === 'days' || input.validity === 'subscription' ? input.validity : 'forever';
  let validityDays: number | null = null;
  if (validity === 'days') {
    const days = wholeNumber(input.validity_days, 1, 36_500);
    if (days === undefined || days === null) errors.validity_days = 'licensing.error.days';
    else validityDays = days;
  }
  if (Object.keys(errors).length > 0 || activationLimit === undefined) return { ok: false, errors };
  return { ok: true, values: { enabled: input.enabled === '1', activationLimit, validity, validityDays } };
}

export type KeyLimitsValues = { activationLimit: number | null; expiresAt: string | null };

/** The expiry date is a day on the store's clock (`timeZone`): the key expires as that day begins there. */
export function parseKeyLimits(input: KeyLimitsInput, timeZone: string): Parsed<KeyLimitsValues> {
  const errors: FormErrors = {};
  const activationLimit = wholeNumber(input.activation_limit, 1, 100_000);
  if (activationLimit === undefined) errors.activation_limit = 'licensing.error.limit';
  const day = (input.expires_on ?? '').trim();
  let expiresAt: string | null = null;
  if (day !== '') {
    const at = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00.000Z`) : undefined;
    if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day)
      errors.expires_on = 'licensing.error.date';
    else expiresAt = localInputToUtc(`${day}T00:00`, timeZone)?.toISOString() ?? at.toISOString();
  }
  if (Object.keys(errors).length > 0 || activationLimit === undefined) return { ok: false, errors };
  return { ok: true, values: { activationLimit, expiresAt } };
}
