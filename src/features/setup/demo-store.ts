import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { getStoreSettings, readSetting, writeSetting } from '../settings/store-settings.js';
import { completeSetup } from './complete-setup.js';

export const DEMO_ADMIN_EMAIL = 'admin@demo.vielfach.test';
const DEMO_PASSWORD_KEY = 'demo.admin_password';

/**
 * VIELFACH_DEMO=1: skip the set-up and create a demo store once. Its admin
 * password is kept so it can be printed again at every start (demo only).
 */
export async function ensureDemoStore(db: Kysely<DB>): Promise<{ email: string; password: string }> {
  const existing = await readSetting(db, DEMO_PASSWORD_KEY);
  if (existing) return { email: DEMO_ADMIN_EMAIL, password: existing };
  if ((await getStoreSettings(db)).setupCompleted) {
    return { email: '(the owner set up before)', password: '(unchanged)' };
  }
  const password = randomBytes(9).toString('base64url');
  await completeSetup(db, {
    email: DEMO_ADMIN_EMAIL,
    password,
    storeName: 'Vielfach Demo',
    locale: 'en',
    currency: 'EUR',
    demo: true,
  });
  await writeSetting(db, DEMO_PASSWORD_KEY, password);
  return { email: DEMO_ADMIN_EMAIL, password };
}
