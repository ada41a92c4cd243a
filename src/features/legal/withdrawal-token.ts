import { createHmac, timingSafeEqual } from 'node:crypto';

const TOKEN_MS = 60 * 60 * 1000;

function mac(secret: string, orderId: string, exp: number): string {
  return createHmac('sha256', secret).update(`withdraw:${orderId}:${exp}`).digest('base64url');
}

/** Carries "this order was identified" from step 1 to the confirm button, for an hour. */
export function signWithdrawalToken(secret: string, orderId: string, now = Date.now()): string {
  const exp = now + TOKEN_MS;
  return `${exp}.${mac(secret, orderId, exp)}`;
}

export function verifyWithdrawalToken(secret: string, orderId: string, token: string, now = Date.now()): boolean {
  const [expText = '', sig = ''] = token.split('.');
  const exp = Number(expText);
  if (!Number.isSafeInteger(exp) || exp < now) return false;
  const want = Buffer.from(mac(secret, orderId, exp));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}
