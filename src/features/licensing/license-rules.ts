import type { LicenseValidity } from '../../db/schema.js';

/** The status values of Lemon Squeezy's licence API. */
export type LicenseKeyStatus = 'inactive' | 'active' | 'expired' | 'disabled';

type StatusFields = { disabled_at: string | null; expires_at: string | null; activation_usage: number };

export function licenseStatus(key: StatusFields, nowIso: string): LicenseKeyStatus {
  if (key.disabled_at !== null) return 'disabled';
  if (key.expires_at !== null && key.expires_at <= nowIso) return 'expired';
  return key.activation_usage > 0 ? 'active' : 'inactive';
}

/** A key works for activation, validation and licence files only while inactive or active. */
export function isUsable(status: LicenseKeyStatus): boolean {
  return status === 'inactive' || status === 'active';
}

export function hasFreeActivation(key: { activation_limit: number | null; activation_usage: number }): boolean {
  return key.activation_limit === null || key.activation_usage < key.activation_limit;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * When a key issued at `from` expires: 'days' counts from the purchase;
 * 'subscription' is stored for when subscriptions exist and until then
 * behaves like 'forever'.
 */
export function expiryFor(
  settings: { validity: LicenseValidity; validity_days: number | null },
  from: Date,
): string | null {
  if (settings.validity !== 'days' || !settings.validity_days) return null;
  return new Date(from.getTime() + settings.validity_days * DAY_MS).toISOString();
}
