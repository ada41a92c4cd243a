import { exponentOf } from '../../domain/money.js';

/**
 * Every currency the ECB has published a euro reference rate for (the columns
 * of its eurofxref-hist.csv, retired ones included). A currency outside this
 * list (KWD, BHD, …) has no ECB rate at all: reports say so instead of guessing.
 */
export const ECB_CURRENCIES: ReadonlySet<string> = new Set(
  (
    'USD JPY BGN CYP CZK DKK EEK GBP HUF LTL LVL MTL PLN ROL RON SEK SIT SKK CHF ISK NOK HRK RUB TRL TRY ' +
    'AUD BRL CAD CNY HKD IDR ILS INR KRW MXN MYR NZD PHP SGD THB ZAR'
  ).split(' '),
);

const RATE = /^(\d{1,9})(?:\.(\d{1,10}))?$/;

/**
 * A rate as published ("1.0705", "171.940") in one canonical text ("171.94"),
 * so the same value from the daily and the history file compares equal;
 * undefined unless it is a positive plain decimal.
 */
export function normalizeRate(text: string): string | undefined {
  const m = RATE.exec(text.trim());
  if (!m) return undefined;
  const int = (m[1] ?? '').replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (/^0+$/.test(int) && frac === '') return undefined;
  return frac ? `${int}.${frac}` : int;
}

/**
 * An amount in minor units of `currency` in EUR cents at an ECB rate
 * (1 EUR = `rate` units): amount ÷ 10^exponent ÷ rate, rounded half away
 * from zero (so a credit note converts to exactly the negative of its
 * invoice). All in BigInt: no float ever touches the amount or the rate.
 */
export function toEurMinor(amountMinor: number, currency: string, rate: string): number {
  const canonical = normalizeRate(rate);
  if (!canonical || !Number.isSafeInteger(amountMinor))
    throw new RangeError(`cannot convert ${amountMinor} at ${rate}`);
  const [int = '0', frac = ''] = canonical.split('.');
  // rate = units / 10^frac.length, so amount / 10^exp / rate = amount · 10^frac.length / (units · 10^exp).
  const num = BigInt(amountMinor) * 10n ** BigInt(exponentOf('EUR') + frac.length);
  const den = BigInt(int + frac) * 10n ** BigInt(exponentOf(currency));
  return Number(divideHalfAwayFromZero(num, den));
}

function divideHalfAwayFromZero(num: bigint, den: bigint): bigint {
  const q = num / den; // truncates toward zero
  const r = num % den;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice >= den) return num < 0n ? q - 1n : q + 1n;
  return q;
}
