import { type EuCountry, isEuCountry } from './countries.js';

/**
 * Offline VAT ID check: shape per member state and, where the algorithm is
 * public, the check digit. Shapes: European Commission, VIES FAQ "VAT number
 * format" (ec.europa.eu/taxation_customs/vies/faq). Check digits: DE ISO 7064
 * MOD 11,10 (BZSt "Prüfziffernverfahren"), AT (BMF), IT Luhn on the Partita IVA,
 * FR key = (12 + 3 × (SIREN mod 97)) mod 97. A passing check says only that the
 * number could exist; VIES says whether it does.
 */
const SHAPES: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^[1-9]\d{8}$/,
  DK: /^\d{8}$/,
  EE: /^10\d{7}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^[1-9]\d{7}$/,
  SK: /^[1-9]\d{9}$/,
};

export type VatIdCheck =
  | { ok: true; country: EuCountry; prefix: string; number: string; vatId: string }
  | { ok: false; reason: 'format' | 'country' | 'checksum' };

/** "de 123 456 789" → parts; the VAT prefix of Greece is EL (country GR). */
export function checkVatId(input: string): VatIdCheck {
  const s = input.toUpperCase().replace(/[\s.\-/]/g, '');
  const prefix = s.slice(0, 2);
  const number = s.slice(2);
  if (!/^[A-Z]{2}$/.test(prefix)) return { ok: false, reason: 'format' };
  const country = prefix === 'EL' ? 'GR' : prefix;
  const shape = SHAPES[prefix];
  if (!shape || !isEuCountry(country)) return { ok: false, reason: 'country' };
  if (!shape.test(number)) return { ok: false, reason: 'format' };
  const digit = CHECKS[prefix];
  if (digit && !digit(number)) return { ok: false, reason: 'checksum' };
  return { ok: true, country, prefix, number, vatId: `${prefix}${number}` };
}

const digits = (s: string) => [...s].map(Number);

/** ISO 7064 MOD 11,10 over the first eight digits. */
export function deCheckDigitOk(n: string): boolean {
  let product = 10;
  for (const d of digits(n.slice(0, 8))) {
    let sum = (d + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product === 10 ? 0 : 11 - product;
  return check === Number(n[8]);
}

function atCheckDigitOk(n: string): boolean {
  const d = digits(n.slice(1));
  let s = 0;
  for (let i = 0; i < 7; i++) {
    const v = d[i] ?? 0;
    s += i % 2 === 0 ? v : Math.floor((2 * v) / 10) + ((2 * v) % 10);
  }
  return (10 - ((s + 4) % 10)) % 10 === d[7];
}

function luhnOk(n: string): boolean {
  let s = 0;
  digits(n).forEach((v, i) => {
    const w = i % 2 === 1 ? 2 * v : v;
    s += w > 9 ? w - 9 : w;
  });
  return s % 10 === 0;
}

function frKeyOk(n: string): boolean {
  const key = n.slice(0, 2);
  if (!/^\d{2}$/.test(key)) return true; // new-style alphanumeric keys: no public algorithm
  return (12 + 3 * (Number(n.slice(2)) % 97)) % 97 === Number(key);
}

const CHECKS: Record<string, (n: string) => boolean> = {
  DE: deCheckDigitOk,
  AT: atCheckDigitOk,
  IT: luhnOk,
  FR: frKeyOk,
};
