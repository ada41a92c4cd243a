import { createHmac, timingSafeEqual } from 'node:crypto';

const TOKEN_MS = 60 * 60 * 1000;
/** How long the link in the confirmation email carries out the withdrawal. */
export const CONFIRM_LINK_DAYS = 30;

function mac(secret: string, purpose: string, id: string, exp: number): string {
  return createHmac('sha256', secret).update(`${purpose}:${id}:${exp}`).digest('base64url');
}

function verify(secret: string, purpose: string, id: string, token: string, now: number): boolean {
  const [expText = '', sig = ''] = token.split('.');
  const exp = Number(expText);
  if (!/^\d{1,16}$/.test(expText) || !Number.isSafeInteger(exp) || exp < now) return false;
  const want = Buffer.from(mac(secret, purpose, id, exp));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * Carries "this order was identified by its access key" (thank-you page,
 * library) from the order page to the confirm button, for an hour.
 */
export function signWithdrawalToken(secret: string, orderId: string, now = Date.now()): string {
  const exp = now + TOKEN_MS;
  return `${exp}.${mac(secret, 'withdraw', orderId, exp)}`;
}

export function verifyWithdrawalToken(secret: string, orderId: string, token: string, now = Date.now()): boolean {
  return verify(secret, 'withdraw', orderId, token, now);
}

/**
 * The link in the confirmation of a withdrawal declared on the public form:
 * only the mailbox of the order's address receives it, so using it shows that
 * the buyer made the declaration. Signed over the withdrawal's id and expiry.
 */
export function signWithdrawalConfirmToken(secret: string, withdrawalId: string, now = Date.now()): string {
  const exp = now + CONFIRM_LINK_DAYS * 24 * TOKEN_MS;
  return `${exp}.${mac(secret, 'withdraw-confirm', withdrawalId, exp)}`;
}

export function verifyWithdrawalConfirmToken(
  secret: string,
  withdrawalId: string,
  token: string,
  now = Date.now(),
): boolean {
  return verify(secret, 'withdraw-confirm', withdrawalId, token, now);
}
