import type { LicenseInstance } from '../../db/schema.js';
import { licenseStatus } from './license-rules.js';
import type { LicenseRecord } from './queries.js';

/**
 * Bodies in the shape of Lemon Squeezy's licence API, so software written for
 * it only needs a new base URL. Ids are our text ids; a store has one id, 1.
 */
export type LemonVerb = 'activated' | 'valid' | 'deactivated';

export type LemonBody = {
  [verb: string]: unknown;
  error: string | null;
  license_key: ReturnType<typeof lemonLicenseKey> | null;
  meta: ReturnType<typeof lemonMeta> | null;
};

export const STORE_ID = 1;

export function lemonLicenseKey(license: LicenseRecord, nowIso: string) {
  return {
    id: license.id,
    status: licenseStatus(license, nowIso),
    key: license.display_key,
    activation_limit: license.activation_limit,
    activation_usage: license.activation_usage,
    created_at: license.created_at,
    expires_at: license.expires_at,
    test_mode: license.provider === 'test',
  };
}

export function lemonMeta(license: LicenseRecord) {
  return {
    store_id: STORE_ID,
    order_id: license.order_id,
    order_item_id: license.order_item_id,
    product_id: license.product_id,
    product_name: license.product_title,
    variant_id: license.product_id,
    variant_name: 'Default',
    customer_id: license.customer_id,
    customer_name: license.customer_name,
    customer_email: license.email,
  };
}

export function lemonInstance(instance: LicenseInstance) {
  return { id: instance.id, name: instance.name, created_at: instance.created_at };
}

type Instance = ReturnType<typeof lemonInstance>;

/** Field order as Lemon Squeezy sends it; deactivation answers carry no instance. */
function shape(
  verb: LemonVerb,
  ok: boolean,
  error: string | null,
  licenseKey: LemonBody['license_key'],
  instance: Instance | null,
  meta: LemonBody['meta'],
): LemonBody {
  if (verb === 'deactivated') return { [verb]: ok, error, license_key: licenseKey, meta };
  return { [verb]: ok, error, license_key: licenseKey, instance, meta };
}

/** A success, or a refusal that concerns a known, usable key (limit reached, unknown instance). */
export function lemonBody(
  verb: LemonVerb,
  ok: boolean,
  license: LicenseRecord,
  nowIso: string,
  opts: { error?: string; instance?: LicenseInstance | null } = {},
): LemonBody {
  const instance = opts.instance ? lemonInstance(opts.instance) : null;
  return shape(verb, ok, opts.error ?? null, lemonLicenseKey(license, nowIso), instance, lemonMeta(license));
}

/**
 * Every other refusal: unknown, disabled and expired keys and bad input have
 * one shape (nothing about the key), so answers reveal nothing beyond the message.
 */
export function lemonFailure(verb: LemonVerb, error: string): LemonBody {
  return shape(verb, false, error, null, null, null);
}

export const LEMON_ERRORS = {
  notFound: 'license_key not found.',
  expired: 'This license key has expired.',
  limit: 'This license key has reached the activation limit.',
  instanceNotFound: 'license_key instance not found.',
} as const;
