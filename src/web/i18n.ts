import { memoize } from '../domain/memo.js';

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/**
 * A feature's texts: English defines the keys, German must have every one of
 * them (the compiler checks), so no string is ever missing in either language.
 */
export function defineMessages<const E extends Record<string, string>>(
  en: E,
  de: { [K in keyof E]: string },
): { en: E; de: { [K in keyof E]: string } } {
  return { en, de };
}

export type Params = Record<string, string | number>;

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Picks the best supported language from an Accept-Language header (remembered per header). */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  return header.length > 300 ? negotiate(header, fallback) : negotiated(`${fallback}\n${header}`);
}

const negotiated = memoize(200, (key) => {
  const nl = key.indexOf('\n');
  return negotiate(key.slice(nl + 1), key.slice(0, nl) as Locale);
});

function negotiate(header: string, fallback: Locale): Locale {
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return fallback;
}

/**
 * Date and time for people, on the store's clock: always pass the store's time
 * zone (PageContext.timeZone, or StoreSettings.timeZone in emails and
 * documents), never the server process's zone. Dates have two-digit days and
 * months in German ("06.12.2026, 07:28"). With `zone`, the zone's short name
 * follows ("06.12.2026, 07:28 MEZ"): for times a buyer may read elsewhere and
 * that count (a receipt, a declaration's time of receipt, a lock-out).
 */
export function formatDateTime(iso: string, locale: Locale, timeZone: string, opts?: { zone?: boolean }): string {
  return dateTimeFormat(`${locale}|${timeZone}|${opts?.zone ? 'zone' : ''}`).format(new Date(iso));
}

const dateTimeFormat = memoize(64, (key) => {
  const [locale, timeZone, zone] = key.split('|') as [string, string, string];
  if (!zone) return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone });
  // dateStyle cannot be combined with timeZoneName: the same fields spelled out.
  return new Intl.DateTimeFormat(tag(locale), {
    ...(locale === 'de' ? { day: '2-digit', month: '2-digit' } : { day: 'numeric', month: 'short' }),
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  });
});

/**
 * A span of time on one clock: "Sat, 12 Dec 2026, 10:00–13:00" (the end's
 * date only when it differs), in the given zone; with `zone`, its short name
 * follows ("CET"), for texts read elsewhere (emails).
 */
export function formatTimeRange(
  startIso: string,
  endIso: string,
  locale: Locale,
  timeZone: string,
  opts?: { zone?: boolean },
): string {
  return rangeFormat(`${locale}|${timeZone}|${opts?.zone ? 'zone' : ''}`).formatRange(
    new Date(startIso),
    new Date(endIso),
  );
}

const rangeFormat = memoize(64, (key) => {
  const [locale, timeZone, zone] = key.split('|') as [string, string, string];
  return new Intl.DateTimeFormat(tag(locale), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(zone ? { timeZoneName: 'short' as const } : {}),
    timeZone,
  });
});

function tag(locale: string): string {
  return locale === 'de' ? 'de-DE' : 'en-GB';
}
