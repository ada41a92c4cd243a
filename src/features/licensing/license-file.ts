import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import type { SigningKey } from './signing-key.js';

/** What a licence file asserts; software reads it after checking the signature. */
export type LicenseFilePayload = {
  v: 1;
  key: string;
  status: 'active';
  product: { id: string; name: string };
  /** The buyer's address only as SHA-256 of its lower-case form: software can compare, nobody can read it. */
  customer: { name: string; email_sha256: string };
  instance: { id: string; name: string };
  activation_limit: number | null;
  issued_at: string;
  /** When the key itself expires; null: never. */
  expires_at: string | null;
};

/** The document the API hands out: the signature covers the `payload` string exactly as given (its ASCII bytes). */
export type LicenseDocument = {
  version: 1;
  algorithm: 'Ed25519';
  key_id: string;
  /** base64url of the payload's JSON. */
  payload: string;
  /** base64url of the 64-byte Ed25519 signature. */
  signature: string;
};

export function emailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

export function signLicenseFile(payload: LicenseFilePayload, key: SigningKey): LicenseDocument {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = sign(null, Buffer.from(encoded), key.privateKey).toString('base64url');
  return { version: 1, algorithm: 'Ed25519', key_id: key.keyId, payload: encoded, signature };
}

/**
 * What software does offline: check the signature with the store's public key
 * (raw, base64), then read the payload. Returns undefined for anything that
 * was not signed by that key.
 */
export function verifyLicenseFile(
  doc: { payload?: unknown; signature?: unknown },
  publicKeyBase64: string,
): LicenseFilePayload | undefined {
  if (typeof doc.payload !== 'string' || typeof doc.signature !== 'string') return undefined;
  const x = Buffer.from(publicKeyBase64, 'base64').toString('base64url');
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  const ok = verify(null, Buffer.from(doc.payload), publicKey, Buffer.from(doc.signature, 'base64url'));
  if (!ok) return undefined;
  return JSON.parse(Buffer.from(doc.payload, 'base64url').toString('utf8')) as LicenseFilePayload;
}
