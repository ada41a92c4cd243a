import { createRequire } from 'node:module';
import type * as OTPAuth from 'otpauth';

// Loaded with the first two-factor set-up or sign-in, not at start.
const load = createRequire(import.meta.url);
let otpauth: typeof OTPAuth | undefined;
const lib = () => (otpauth ??= load('otpauth') as typeof OTPAuth);

function totp(secret: string, label = 'admin', issuer = 'Vielfach'): OTPAuth.TOTP {
  const { Secret, TOTP } = lib();
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new (lib().Secret)({ size: 20 }).base32;
}

/** Accepts the current code and one step either side (clock drift). */
export function verifyTotp(secret: string, code: string, timestamp = Date.now()): boolean {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return false;
  return totp(secret).validate({ token: clean, window: 1, timestamp }) !== null;
}

export function currentTotp(secret: string, timestamp = Date.now()): string {
  return totp(secret).generate({ timestamp });
}

/** The otpauth:// URI as a QR code, as an SVG data URL for an <img>. */
export async function totpQrDataUrl(secret: string, label: string, issuer: string): Promise<string> {
  const QRCode = (await import('qrcode')).default; // loaded here, not at start
  const svg = await QRCode.toString(totp(secret, label, issuer).toString(), { type: 'svg', margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
