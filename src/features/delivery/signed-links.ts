import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Download links are signed with HMAC-SHA256 over delivery, file and expiry,
 * so they cannot be altered or extended; the delivery row still decides
 * whether access is revoked or the download limit reached.
 */
export type DownloadLink = { deliveryId: string; fileId: string; expiresAt: number };

function signature(secret: string, l: DownloadLink): string {
  return createHmac('sha256', secret).update(`download:${l.deliveryId}:${l.fileId}:${l.expiresAt}`).digest('base64url');
}

export function downloadPath(secret: string, l: DownloadLink): string {
  return `/d/${l.deliveryId}/${l.fileId}?e=${l.expiresAt}&s=${signature(secret, l)}`;
}

export type LinkCheck = 'ok' | 'bad-signature' | 'expired';

export function checkDownloadLink(secret: string, l: DownloadLink, sig: string, now = Date.now()): LinkCheck {
  const expected = Buffer.from(signature(secret, l));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad-signature';
  return l.expiresAt * 1000 < now ? 'expired' : 'ok';
}

/** Expiry as Unix seconds, `hours` from now. */
export function expiryIn(hours: number, now = Date.now()): number {
  return Math.floor(now / 1000) + hours * 3600;
}
