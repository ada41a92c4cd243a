import { z } from 'zod';
import { readAmount } from '../../domain/money.js';
import type { Checked, FieldErrorKeys } from './effort-input.js';
import type { AnalyticsSettings } from './settings.js';
import { isTimeZone } from './time-zone.js';

/** Form fields arrive as text; anything else becomes '' and is judged like an empty field. */
const text = (max: number) => z.string().max(max).catch('').default('');

export const settingsForm = z
  .object({ rate: text(40), timeZone: text(100), weekly: text(5) })
  .catch({ rate: '', timeZone: '', weekly: '' });
export type SettingsValues = z.infer<typeof settingsForm>;

/** The settings form → settings, or what is wrong with the rate or the time zone. */
export function checkSettings(v: SettingsValues, currency: string, locale: string): Checked<AnalyticsSettings> {
  const errors: FieldErrorKeys = {};
  const rate = v.rate.trim() === '' ? { ok: true as const, minor: 0 } : readAmount(v.rate, currency, locale);
  const timeZone = v.timeZone.trim();
  if (!rate.ok) errors.rate = { amount: rate.reason };
  if (!isTimeZone(timeZone)) errors.timeZone = 'timeZone';
  if (!rate.ok || errors.timeZone) return { ok: false, errors };
  return { ok: true, value: { hourlyRateMinor: rate.minor, timeZone, weeklyEmail: v.weekly === '1' } };
}
