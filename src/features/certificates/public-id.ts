import { randomBytes } from 'node:crypto';

/**
 * Certificate ids: 16 characters of Crockford's base32 (digits and capitals
 * without I, L, O, U) from 80 random bits, in groups of four —
 * `7KQ3-M9XD-2HTW-CJ4R`. Unguessable, and typeable from paper: a typed id
 * is read in any case, with or without dashes or spaces, and O/I/L as 0/1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16;

export function newCertificateId(): string {
  const bytes = randomBytes(10); // 80 bits = 16 × 5
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return group(out);
}

const group = (s: string) => s.match(/.{4}/g)?.join('-') ?? s;

/** The stored form of a typed id, or undefined when it cannot be one. */
export function readCertificateId(typed: string): string | undefined {
  if (typed.length > 40) return undefined;
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== LENGTH || [...plain].some((c) => !ALPHABET.includes(c))) return undefined;
  return group(plain);
}
