import type { Db } from '../../db/schema.js';
import { getStoreSettings, TIME_ZONE_KEY, writeSetting } from '../settings/store-settings.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from './time-zone.js';

export const ANALYTICS_KEYS = {
  timeZone: TIME_ZONE_KEY,
  hourlyRate: 'analytics.hourly_rate_minor',
  weeklyEmail: 'analytics.weekly_email',
  salt: 'analytics.salt',
} as const;

export type AnalyticsSettings = {
  timeZone: string;
  /** The creator's 1:1 hourly rate in the store currency's minor units; 0 when not set. */
  hourlyRateMinor: number;
  weeklyEmail: boolean;
};

/** The store's time zone, from the briefly cached store settings. */
export async function storeTimeZone(db: Db): Promise<string> {
  return (await getStoreSettings(db)).timeZone;
}

export async function getAnalyticsSettings(db: Db): Promise<AnalyticsSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [ANALYTICS_KEYS.timeZone, ANALYTICS_KEYS.hourlyRate, ANALYTICS_KEYS.weeklyEmail])
    .execute();
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const tz = map.get(ANALYTICS_KEYS.timeZone);
  const rate = Number(map.get(ANALYTICS_KEYS.hourlyRate) ?? 0);
  return {
    timeZone: tz && isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE,
    hourlyRateMinor: Number.isSafeInteger(rate) && rate > 0 ? rate : 0,
    weeklyEmail: map.get(ANALYTICS_KEYS.weeklyEmail) !== '0',
  };
}

export async function saveAnalyticsSettings(db: Db, s: AnalyticsSettings): Promise<void> {
  await writeSetting(db, ANALYTICS_KEYS.timeZone, s.timeZone);
  await writeSetting(db, ANALYTICS_KEYS.hourlyRate, String(s.hourlyRateMinor));
  await writeSetting(db, ANALYTICS_KEYS.weeklyEmail, s.weeklyEmail ? '1' : '0');
}
