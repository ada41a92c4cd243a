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

/** Picks the best supported language from an Accept-Language header. */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
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
 * documents), never the server process's zone.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  return dateTimeFormat(`${locale}|${timeZone}`).format(new Date(iso));
}

const dateTimeFormat = memoize(64, (key) => {
  const [locale, timeZone] = key.split('|') as [string, string];
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
});
