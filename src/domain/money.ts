import { memoize } from './memo.js';

/**
 * Money is an integer count of the currency's minor unit plus its ISO 4217 code.
 * Conversions to and from decimal text happen only at the edges (forms, display).
 */
export type Money = { amountMinor: number; currency: string };

/** ISO 4217 minor-unit exponents for the currencies we accept. */
export const CURRENCY_EXPONENTS = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  SEK: 2,
  DKK: 2,
  NOK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  CAD: 2,
  AUD: 2,
  JPY: 0,
  KWD: 3,
} as const;

export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;
export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[];

/** The largest amount we accept anywhere: 10 million major units, far inside 2^53. */
export const MAX_AMOUNT_MAJOR = 10_000_000;

export function isCurrencyCode(v: unknown): v is CurrencyCode {
  return typeof v === 'string' && Object.hasOwn(CURRENCY_EXPONENTS, v);
}

export function exponentOf(currency: string): number {
  return isCurrencyCode(currency) ? CURRENCY_EXPONENTS[currency] : 2;
}

export function maxMinor(currency: string): number {
  return MAX_AMOUNT_MAJOR * 10 ** exponentOf(currency);
}

/**
 * Parses what a person types ("12", "12.5", "12,50", "1.234,56", "1,234.56")
 * into minor units. Returns undefined for anything that is not a plain,
 * non-negative amount with at most the currency's decimals.
 */
export function parseAmount(input: string, currency: string): number | undefined {
  const r = readAmount(input, currency);
  return r.ok ? r.minor : undefined;
}

/** Like parseAmount, but tells a malformed amount from one that is too large. */
export function readAmount(
  input: string,
  currency: string,
): { ok: true; minor: number } | { ok: false; reason: 'invalid' | 'too-large' } {
  const invalid = { ok: false, reason: 'invalid' } as const;
  const exp = exponentOf(currency);
  const s = input.trim().replace(/[\s'\u00a0]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return invalid;
  let intText = s;
  let fracText = '';
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  if (last >= 0) {
    const tail = s.slice(last + 1);
    // "1.234" (one separator, three digits) is a thousands group unless the currency has 3 decimals.
    const thousandsOnly = (s.match(/[.,]/g) ?? []).length === 1 && tail.length === 3 && exp < 3;
    if (!thousandsOnly) {
      intText = s.slice(0, last);
      fracText = tail;
      if (intText.includes(s.charAt(last))) return invalid; // "1.234.56"
    }
  }
  if (/[.,]/.test(intText) && !/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(intText)) return invalid;
  if (fracText.length > exp || (last >= 0 && fracText === '' && intText !== s)) return invalid;
  const minor = Number(intText.replace(/[.,]/g, '')) * 10 ** exp + Number(fracText.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > maxMinor(currency)) return { ok: false, reason: 'too-large' };
  return { ok: true, minor };
}

/** "12,50 €" / "€12.50", by the reader's language. */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  return moneyFormat(`${locale === 'de' ? 'de-DE' : 'en-GB'}|${currency}`).format(
    amountMinor / 10 ** exponentOf(currency),
  );
}

// Building an Intl.NumberFormat costs far more than using one: keep one per language and currency.
const moneyFormat = memoize(64, (key) => {
  const [tag, currency = 'EUR'] = key.split('|');
  const exp = exponentOf(currency);
  return new Intl.NumberFormat(tag, {
    style: 'currency',
    currency,
    minimumFractionDigits: exp,
    maximumFractionDigits: exp,
  });
});

/** Plain decimal text for form fields and machine formats ("12.50"). */
export function toDecimalString(amountMinor: number, currency: string): string {
  const exp = exponentOf(currency);
  if (exp === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.floor(abs / 10 ** exp)}.${String(abs % 10 ** exp).padStart(exp, '0')}`;
}

/** A percentage of an amount, rounded half up to the minor unit (integer maths only). */
export function percentOf(amountMinor: number, percent: number): number {
  return Math.floor((amountMinor * percent + 50) / 100);
}
