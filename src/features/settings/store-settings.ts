import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import { CURRENCY_CODES, type CurrencyCode } from '../../domain/money.js';
import { LOCALES, type Locale } from '../../web/i18n.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../analytics/time-zone.js';

export const CURRENCIES = CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]];
export type { CurrencyCode };

export const storeSettingsSchema = z.object({
  storeName: z.string().trim().min(1).max(80),
  locale: z.enum(LOCALES),
  currency: z.enum(CURRENCIES),
});

export type StoreSettings = z.infer<typeof storeSettingsSchema> & {
  setupCompleted: boolean;
  /** The IANA zone every time shown to people is in (set on the analytics settings page). */
  timeZone: string;
};

const DEFAULTS: StoreSettings = {
  storeName: 'Vielfach',
  locale: 'en',
  currency: 'EUR',
  setupCompleted: false,
  timeZone: DEFAULT_TIME_ZONE,
};

const KEYS = {
  storeName: 'store.name',
  locale: 'store.locale',
  currency: 'store.currency',
  setupCompleted: 'setup.completed_at',
  timeZone: 'store.timezone',
} as const;

export const TIME_ZONE_KEY = KEYS.timeZone;

export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  cache = undefined;
}

/** Inserts only if absent; true when this call wrote it (the guard against two concurrent set-ups). */
export async function claimSetting(db: Db, key: string, value: string): Promise<boolean> {
  const r = await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  cache = undefined;
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

let cache: { at: number; value: StoreSettings } | undefined;
const CACHE_MS = 5000; // short, so several app instances on PostgreSQL converge quickly

/** Store-wide settings; read on every page, so cached briefly in memory. */
export async function getStoreSettings(db: Db, now = Date.now()): Promise<StoreSettings> {
  if (cache && now - cache.at < CACHE_MS) return cache.value;
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(KEYS))
    .execute();
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const parsed = storeSettingsSchema.safeParse({
    storeName: map.get(KEYS.storeName) ?? DEFAULTS.storeName,
    locale: map.get(KEYS.locale) ?? DEFAULTS.locale,
    currency: map.get(KEYS.currency) ?? DEFAULTS.currency,
  });
  const tz = map.get(KEYS.timeZone);
  const value: StoreSettings = {
    ...(parsed.success ? parsed.data : DEFAULTS),
    setupCompleted: map.has(KEYS.setupCompleted),
    timeZone: tz && isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE,
  };
  cache = { at: now, value };
  return value;
}

export async function saveStoreSettings(db: Db, s: z.infer<typeof storeSettingsSchema>): Promise<void> {
  await writeSetting(db, KEYS.storeName, s.storeName);
  await writeSetting(db, KEYS.locale, s.locale);
  await writeSetting(db, KEYS.currency, s.currency);
}

export const SETUP_COMPLETED_KEY = KEYS.setupCompleted;

export function clearSettingsCache(): void {
  cache = undefined;
}

export type { Locale };
