import { memoize } from '../../domain/memo.js';
import { formatMoney } from '../../domain/money.js';
import type { Locale } from '../../web/i18n.js';
import { hoursText, percentText, type SeriesUnit, type XKind } from './chart-model.js';

/**
 * How the charts and their tables write dates and numbers for a reader:
 * "Nov. 2026" / "12. Nov." in German, "Nov 2026" / "Nov 12" in English,
 * amounts and decimals with the language's own separators.
 */

// English dates as the issue asks for them ("Nov 12"), German as written in Germany ("12. Nov.").
const tagOf = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-US');

const dateFormat = memoize(16, (key) => {
  const [locale, style] = key.split('|') as [Locale, 'month' | 'day' | 'full'];
  const parts: Intl.DateTimeFormatOptions =
    style === 'month'
      ? { month: 'short', year: 'numeric' }
      : style === 'day'
        ? { month: 'short', day: 'numeric' }
        : { month: 'short', day: 'numeric', year: 'numeric' };
  return new Intl.DateTimeFormat(tagOf(locale), { ...parts, timeZone: 'UTC' });
});

const numberFormat = memoize(16, (key) => {
  const [locale, digits] = key.split('|') as [Locale, string];
  return new Intl.NumberFormat(tagOf(locale), { maximumFractionDigits: Number(digits) });
});

/** A calendar day ('YYYY-MM-DD') or month ('YYYY-MM') as a UTC instant, so no time zone moves it. */
function dayDate(x: string): Date {
  return new Date(`${x.length === 7 ? `${x}-01` : x}T00:00:00Z`);
}

/** An x value on an axis: short ("12. Nov.", "Nov. 2026"); names as they are. */
export function axisX(x: string, kind: XKind, locale: Locale): string {
  if (kind === 'name') return x;
  return dateFormat(`${locale}|${kind === 'month' ? 'month' : 'day'}`).format(dayDate(x));
}

/** An x value in the table view: with the year ("12. Nov. 2026"), months as on the axis. */
export function tableX(x: string, kind: XKind, locale: Locale): string {
  if (kind === 'name') return x;
  return dateFormat(`${locale}|${kind === 'month' ? 'month' : 'full'}`).format(dayDate(x));
}

/** A decimal number in the reader's language, with at most `digits` decimals. */
export function formatNumber(v: number, locale: Locale, digits = 0): string {
  return numberFormat(`${locale}|${digits}`).format(v);
}

/** A stored value (minor units, minutes, per mille, count) exactly, as the table view shows it. */
export function formatValue(v: number, unit: SeriesUnit, currency: string, locale: Locale): string {
  if (unit === 'money') return formatMoney(v, currency, locale);
  if (unit === 'minutes') return `${decimalText(hoursText(v), locale)} h`;
  if (unit === 'permille') return percentSign(decimalText(percentText(v), locale), locale);
  return formatNumber(v, locale);
}

/** "12,3 %" in German (a no-break space before the sign, as Intl writes it), "12.3%" in English. */
export function percentSign(number: string, locale: Locale): string {
  return locale === 'de' ? `${number}\u00a0%` : `${number}%`;
}

function decimalText(text: string, locale: Locale): string {
  return locale === 'de' ? text.replace('.', ',') : text;
}

/** A share in whole per mille as a percentage with one decimal ("12,3 %"); a dash when there is no whole. */
export function permilleText(v: number | undefined, locale: Locale): string {
  return v === undefined ? '—' : percentSign(decimalText(percentText(v), locale), locale);
}

/** A ratio in per mille as a factor ("2,5 ×"); a dash when there is none. */
export function timesText(v: number | undefined, locale: Locale): string {
  return v === undefined ? '—' : `${formatNumber(Math.round(v / 100) / 10, locale, 1)} ×`;
}

/** A calendar day for people: "06.12.2026" in German, "Dec 6, 2026" in English. */
export function formatDay(day: string, locale: Locale): string {
  return dayFormat(locale).format(dayDate(day));
}

const dayFormat = memoize(4, (locale) =>
  locale === 'de'
    ? new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
    : new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
);
