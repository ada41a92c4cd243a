import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { recordAudit } from '../admin/audit.js';
import { createOrResetAdmin } from '../auth/create-admin.js';
import {
  type CurrencyCode,
  claimSetting,
  clearSettingsCache,
  readSetting,
  SETUP_COMPLETED_KEY,
  saveStoreSettings,
} from '../settings/store-settings.js';
import { addDemoContent } from './demo-content.js';

const SETUP_CODE_KEY = 'setup.code';

/** The code a first visitor must enter; printed at start so only the operator can claim the store. */
export async function ensureSetupCode(db: Kysely<DB>): Promise<string> {
  const existing = await readSetting(db, SETUP_CODE_KEY);
  if (existing) return existing;
  const code = randomBytes(6).toString('hex');
  await claimSetting(db, SETUP_CODE_KEY, code);
  return (await readSetting(db, SETUP_CODE_KEY)) ?? code;
}

export async function isSetupCodeValid(db: Kysely<DB>, code: string): Promise<boolean> {
  const expected = await readSetting(db, SETUP_CODE_KEY);
  if (!expected) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(code.trim().toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

export type CompleteSetupOptions = {
  email: string;
  password: string;
  storeName: string;
  locale: Locale;
  currency: CurrencyCode;
  demo: boolean;
};

/** Creates the owner and the store settings once; a second, concurrent set-up gets `already-done`. */
export async function completeSetup(
  db: Kysely<DB>,
  opts: CompleteSetupOptions,
): Promise<{ kind: 'ok'; adminId: string } | { kind: 'already-done' }> {
  const result = await db.transaction().execute(async (trx) => {
    if (!(await claimSetting(trx, SETUP_COMPLETED_KEY, isoNow()))) return { kind: 'already-done' as const };
    const admin = await createOrResetAdmin(trx, { email: opts.email, password: opts.password, locale: opts.locale });
    await saveStoreSettings(trx, { storeName: opts.storeName, locale: opts.locale, currency: opts.currency });
    await trx.deleteFrom('settings').where('key', '=', SETUP_CODE_KEY).execute();
    if (opts.demo) await addDemoContent(trx, { locale: opts.locale, currency: opts.currency });
    await recordAudit(trx, opts.email, 'setup.completed', { demo: opts.demo });
    return { kind: 'ok' as const, adminId: admin.id };
  });
  clearSettingsCache();
  return result;
}
