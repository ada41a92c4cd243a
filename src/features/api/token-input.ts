import { addDays, localDay } from '../analytics/time-zone.js';
import { localInputToUtc } from '../posts/local-time.js';
import { type ApiScope, isApiScope } from './scopes.js';

export type TokenForm = { name: string; scopes: string[]; expires: string };
export type TokenFormErrors = Partial<
  Record<'name' | 'scopes' | 'expires', 'api.admin.error.name' | 'api.admin.error.scopes' | 'api.admin.error.expires'>
>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The create form as sent (a single checkbox arrives as a string, several as a list). */
export function readTokenForm(body: unknown): TokenForm {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const scopes = Array.isArray(b.scopes) ? b.scopes.map(text) : b.scopes === undefined ? [] : [text(b.scopes)];
  return { name: text(b.name).trim(), scopes, expires: text(b.expires).trim() };
}

export type CheckedToken =
  | { ok: true; name: string; scopes: ApiScope[]; expiresAt: Date | undefined }
  | { ok: false; errors: TokenFormErrors };

/**
 * A name (up to 100 characters), at least one known scope, and an expiry day
 * on the store's clock that is today or later (the token works through that
 * day) or nothing (it never expires).
 */
export function checkTokenForm(form: TokenForm, timeZone: string, now = new Date()): CheckedToken {
  const errors: TokenFormErrors = {};
  if (!form.name || form.name.length > 100) errors.name = 'api.admin.error.name';
  const scopes = [...new Set(form.scopes)];
  if (scopes.length === 0 || !scopes.every(isApiScope)) errors.scopes = 'api.admin.error.scopes';
  let expiresAt: Date | undefined;
  if (form.expires) {
    const valid = DAY.test(form.expires) && localInputToUtc(`${form.expires}T00:00`, timeZone);
    if (!valid || form.expires < localDay(now, timeZone)) errors.expires = 'api.admin.error.expires';
    else expiresAt = localInputToUtc(`${addDays(form.expires, 1)}T00:00`, timeZone);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, name: form.name, scopes: scopes.filter(isApiScope), expiresAt };
}
