import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Unsubscribe links work without signing in: `/unsubscribe/<member>?s=<HMAC>`.
 * The signature covers only the member id, so every email's link keeps
 * working (also after a resubscribe), and nobody can unsubscribe another
 * member by changing the id.
 */
function signature(secret: string, memberId: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${memberId}`).digest('base64url');
}

export function unsubscribePath(secret: string, memberId: string): string {
  return `/unsubscribe/${encodeURIComponent(memberId)}?s=${signature(secret, memberId)}`;
}

export function checkUnsubscribeSignature(secret: string, memberId: string, sig: unknown): boolean {
  if (typeof sig !== 'string' || sig.length > 100) return false;
  const expected = Buffer.from(signature(secret, memberId));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * RFC 2369 / RFC 8058: mail clients show their own "unsubscribe" button and
 * POST `List-Unsubscribe=One-Click` to the https link, without cookies or a
 * CSRF token (the signature is the authorisation).
 */
export function listUnsubscribeHeaders(publicUrl: string, secret: string, memberId: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${publicUrl}${unsubscribePath(secret, memberId)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The one path the app's CSRF hook lets through (its signature protects it). */
export const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[0-9a-f-]{36}\?s=[A-Za-z0-9_-]+$/;
