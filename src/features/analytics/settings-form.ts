import { z } from 'zod';
import { readAmount } from '../../domain/money.js';
import type { AnalyticsSettings } from './settings.js';
import { isTimeZone } from './time-zone.js';

export const settingsForm = z.object({
  rate: z.string().max(20).default(''),
  timeZone: z.string().trim().max(64).default(''),
  weekly: z.string().optional(),
});

/** The settings form → settings, or undefined when the rate or time zone cannot be read. */
export function readSettingsForm(
  v: z.infer<typeof settingsForm>,
  currency: string,
  locale: string,
): AnalyticsSettings | undefined {
  const rate = v.rate.trim() === '' ? { ok: true as const, minor: 0 } : readAmount(v.rate, currency, locale);
  if (!rate.ok || !isTimeZone(v.timeZone)) return undefined;
  return { hourlyRateMinor: rate.minor, timeZone: v.timeZone, weeklyEmail: v.weekly === '1' };
}
