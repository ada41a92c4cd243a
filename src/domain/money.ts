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

/** Why typed text is not an amount; each has its own message (see `web/amount-errors.ts`). */
export type AmountProblem = 'invalid' | 'negative' | 'ambiguous' | 'too-many-decimals' | 'too-large';

/**
 * Reads what a person types into minor units, the way a speaker of `locale`
 * writes amounts ("12,50" and "1.234,56" in German, "12.50" and "1,234.56" in
 * English). The other language's way is read too where it cannot be mistaken
 * ("12.50" in German: a thousands group has three digits). Refused:
 * - a lone separator before exactly three digits that could be either
 *   ("9,001" in English, "9.001" in German: thousands, or decimals typed the
 *   other way?), unless the currency has no decimals (JPY: "1,500" is 1500)
 *   or the separator is the locale's decimal one ("1.234" KWD in English);
 * - more decimals than the currency has (JPY 0, EUR 2, KWD 3): "9,001" EUR in German;
 * - minus signs, exponents, letters, misplaced group separators, more than 10 million.
 * Spaces, no-break spaces and apostrophes may group thousands ("1 234,56").
 */
export function readAmount(
  input: string,
  currency: string,
  locale: string,
): { ok: true; minor: number } | { ok: false; reason: AmountProblem } {
  const exp = exponentOf(currency);
  let s = input.trim();
  if (/^[-\u2212]/.test(s) && /\d/.test(s)) return { ok: false, reason: 'negative' };
  if (/[\s'\u2019]/.test(s)) {
    // Spaces and apostrophes only between groups of three digits.
    if (!/^\d{1,3}(?:[\s'\u2019]\d{3})+(?:[.,]\d+)?$/.test(s)) return { ok: false, reason: 'invalid' };
    s = s.replace(/[\s'\u2019]/g, '');
  }
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return { ok: false, reason: 'invalid' };
  const { decimal } = amountSeparators(locale);
  let intText = s;
  let fracText = '';
  const seps = s.match(/[.,]/g) ?? [];
  if (seps.length > 0) {
    const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
    const sep = s.charAt(last);
    const both = seps.some((c) => c !== sep);
    if (!both && seps.length > 1) {
      // "1.234.567": only thousands groups.
      if (!groupedInteger(s, sep)) return { ok: false, reason: 'invalid' };
      intText = s;
    } else if (both) {
      // "1.234,56" or "1,234.56": the last separator is the decimal one, the other groups thousands.
      intText = s.slice(0, last);
      fracText = s.slice(last + 1);
      if (intText.includes(sep) || !groupedInteger(intText, sep === '.' ? ',' : '.')) {
        return { ok: false, reason: 'invalid' };
      }
    } else {
      const tail = s.slice(last + 1);
      const head = s.slice(0, last);
      const couldBeThousands = tail.length === 3 && head.length <= 3 && !head.startsWith('0');
      if (sep !== decimal && couldBeThousands) {
        if (exp > 0) return { ok: false, reason: 'ambiguous' };
        intText = head + tail;
      } else {
        intText = head;
        fracText = tail;
      }
    }
  }
  if (fracText.length > exp) return { ok: false, reason: 'too-many-decimals' };
  const digits = intText.replace(/[.,]/g, '');
  const minor = Number(digits) * 10 ** exp + Number(fracText.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > maxMinor(currency)) return { ok: false, reason: 'too-large' };
  return { ok: true, minor };
}

/** Like readAmount, without saying why not. */
export function parseAmount(input: string, currency: string, locale: string): number | undefined {
  const r = readAmount(input, currency, locale);
  return r.ok ? r.minor : undefined;
}

function groupedInteger(text: string, group: string): boolean {
  const g = group === '.' ? '\\.' : group;
  return new RegExp(`^\\d{1,3}(?:${g}\\d{3})*$`).test(text);
}

/** The language's decimal and thousands separators, as Intl writes numbers in it. */
export function amountSeparators(locale: string): { decimal: string; group: string } {
  return separators(locale);
}

const separators = memoize(8, (locale: string) => {
  const parts = new Intl.NumberFormat(intlTag(locale)).formatToParts(12345.6);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  return { decimal, group };
});

const intlTag = (locale: string) => (locale === 'de' ? 'de-DE' : locale === 'en' ? 'en-GB' : locale);

/**
 * An amount for a form field, as a speaker of `locale` types it, without
 * thousands separators so it reads back unchanged: "1234,50" (de), "1234.50" (en), "500" (JPY).
 */
export function formatAmountInput(amountMinor: number, currency: string, locale: string): string {
  const text = toDecimalString(amountMinor, currency);
  return amountSeparators(locale).decimal === ',' ? text.replace('.', ',') : text;
}

/** "12,50 €" / "€12.50", by the reader's language. */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  return moneyFormat(`${intlTag(locale)}|${currency}`).format(amountMinor / 10 ** exponentOf(currency));
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
