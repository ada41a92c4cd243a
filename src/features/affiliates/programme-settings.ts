import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import { readSetting, writeSetting } from '../settings/store-settings.js';
import { DEFAULT_COOKIE_DAYS, DEFAULT_HOLD_DAYS, MIN_HOLD_DAYS } from './commission.js';

/** The programme's defaults: what a newly approved affiliate gets, and the hold before commission is payable. */
export const programmeSchema = z.object({
  holdDays: z.coerce.number().int().min(MIN_HOLD_DAYS).max(365),
  cookieDays: z.coerce.number().int().min(1).max(365),
  percentBp: z.coerce.number().int().min(0).max(10_000),
});

export type Programme = z.infer<typeof programmeSchema>;

const KEY = 'affiliates.programme';
export const DEFAULT_PROGRAMME: Programme = {
  holdDays: DEFAULT_HOLD_DAYS,
  cookieDays: DEFAULT_COOKIE_DAYS,
  percentBp: 2000,
};

export async function readProgramme(db: Db): Promise<Programme> {
  const raw = await readSetting(db, KEY);
  if (!raw) return DEFAULT_PROGRAMME;
  const parsed = programmeSchema.safeParse({ ...DEFAULT_PROGRAMME, ...JSON.parse(raw) });
  return parsed.success ? parsed.data : DEFAULT_PROGRAMME;
}

export async function saveProgramme(db: Db, p: Programme): Promise<void> {
  await writeSetting(db, KEY, JSON.stringify(p));
}
