import { z } from 'zod';
import { CURRENCY_EXPONENTS, isCurrencyCode } from '../../../domain/money.js';
import type { LineProblem } from '../records.js';

/**
 * Cell readers shared by the parsers: each returns the value or the line's
 * problem, naming the column. Pure; no floating point on amounts.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; problem: LineProblem };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (code: LineProblem['code'], column: string, detail?: string): Read<never> => ({
  ok: false,
  problem: detail === undefined ? { code, column } : { code, column, detail },
});

export function required(value: string, column: string): Read<string> {
  return value === '' ? fail('missing_column', column, 'empty') : ok(value);
}

const emailSchema = z.email();
/** Trimmed, lower-cased, validated. */
export function readEmail(value: string, column: string): Read<string> {
  const email = value.trim().toLowerCase();
  if (email === '') return fail('missing_column', column, 'empty');
  return emailSchema.safeParse(email).success ? ok(email) : fail('invalid_email', column, value);
}

/** ISO 4217 minor-unit exponent: our table first, else what Intl knows of the code. */
export function currencyExponent(currency: string): number | undefined {
  if (isCurrencyCode(currency)) return CURRENCY_EXPONENTS[currency];
  if (!/^[A-Z]{3}$/.test(currency)) return undefined;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return undefined;
  }
}

export function readCurrency(value: string, column: string): Read<string> {
  const code = value.trim().toUpperCase();
  if (code === '') return fail('missing_column', column, 'empty');
  return currencyExponent(code) === undefined ? fail('invalid_value', column, value) : ok(code);
}

/**
 * A decimal amount written by a machine ("19.99", "100.0"; German "1.234,56"
 * with decimal: ',') to minor units, digit by digit. Extra decimals are
 * accepted only when they are zeros ("19.990"); negative amounts are refused.
 */
export function readAmount(value: string, currency: string, column: string, decimal: '.' | ',' = '.'): Read<number> {
  const text = value.trim();
  if (text === '') return fail('missing_column', column, 'empty');
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return fail('invalid_value', column, `currency ${currency}`);
  const group = decimal === '.' ? ',' : '.';
  const pattern = decimal === '.' ? /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/ : /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
  const m = pattern.exec(text);
  if (!m) return fail('invalid_amount', column, value);
  const whole = (m[1] ?? '').split(group).join('');
  const fraction = m[2] ?? '';
  if (fraction.length > exponent && !/^0*$/.test(fraction.slice(exponent))) {
    return fail('invalid_amount', column, value);
  }
  const minor = Number(whole + fraction.slice(0, exponent).padEnd(exponent, '0'));
  return Number.isSafeInteger(minor) ? ok(minor) : fail('invalid_amount', column, value);
}

export function readCount(value: string, column: string): Read<number> {
  const text = value.trim();
  if (!/^\d{1,9}$/.test(text)) return fail('invalid_value', column, value);
  return ok(Number(text));
}

/** "1"/"0", "true"/"false", "yes"/"no" as exports write them; '' is false. */
export function readFlag(value: string, column: string): Read<boolean> {
  const text = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'ja'].includes(text)) return ok(true);
  if (['', '0', 'false', 'no', 'nein'].includes(text)) return ok(false);
  return fail('invalid_value', column, value);
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/;

/**
 * An instant written with a zone ("2024-03-05 14:22:10 UTC", "…+0100",
 * ISO "2024-03-05T14:22:10.000000Z") to ISO UTC. `assumeUtc` reads a time
 * without zone as UTC (columns that say "UTC" in their name); a bare date is
 * its midnight UTC.
 */
export function readInstant(value: string, column: string, assumeUtc = false): Read<string> {
  const text = value.trim();
  if (text === '') return fail('missing_column', column, 'empty');
  const m = INSTANT.exec(text);
  if (!m) return fail('invalid_date', column, value);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  if (!zone && m[4] !== undefined && !assumeUtc) return fail('invalid_date', column, `${value} (no time zone)`);
  const offset = !zone || zone === 'Z' || zone === 'UTC' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = frac.slice(0, 3).padEnd(3, '0');
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || !sameFields(date, iso, offset)) return fail('invalid_date', column, value);
  return ok(date.toISOString());
}

// Date accepts "2024-02-30" by rolling over; the written fields must survive the round trip.
function sameFields(date: Date, iso: string, offset: string): boolean {
  if (offset !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
    date = new Date(date.getTime() + minutes * 60_000);
  }
  return date.toISOString().slice(0, 19) === iso.slice(0, 19);
}

/**
 * A wall-clock time in `timeZone` (German "05.03.2024 14:22:10" or
 * "05.03.2024 14:22", or a bare "05.03.2024") to ISO UTC.
 */
export function readGermanLocalTime(value: string, column: string, timeZone: string): Read<string> {
  const text = value.trim();
  if (text === '') return fail('missing_column', column, 'empty');
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return fail('invalid_date', column, value);
  const [y, mo, d, h, mi, s] = [m[3], m[2], m[1], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1 || h > 23) return fail('invalid_date', column, value);
  // The zone's offset at the guessed instant, then again at the corrected one (daylight saving edges).
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return ok(new Date(instant).toISOString());
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = zoneFormat(timeZone).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** One billing period later: the same day of the next month or year, or that month's last day (31 Jan → 29 Feb). */
export function addInterval(iso: string, interval: 'month' | 'year'): string {
  const d = new Date(iso);
  const months = interval === 'month' ? 1 : 12;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  ).toISOString();
}
