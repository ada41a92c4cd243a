import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import type { DemoContent } from '../feature.js';
import { getStoreSettings, readSetting, writeSetting } from '../settings/store-settings.js';
import { completeSetup } from './complete-setup.js';
import { addDemoHistory, type DemoHistoryResult } from './demo-history.js';

export const DEMO_ADMIN_EMAIL = 'admin@demo.vielfach.test';
const DEMO_PASSWORD_KEY = 'demo.admin_password';

/**
 * VIELFACH_DEMO=1: skip the set-up and create a demo store once. Its admin
 * password is kept so it can be printed again at every start (demo only).
 */
export async function ensureDemoStore(
  db: Kysely<DB>,
  locale: Locale = 'en',
): Promise<{ email: string; password: string }> {
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
    locale,
    currency: 'EUR',
    demo: true,
  });
  await writeSetting(db, DEMO_PASSWORD_KEY, password);
  return { email: DEMO_ADMIN_EMAIL, password };
}

/**
 * Everything VIELFACH_DEMO=1 does at start, each step at most once: the
 * store and its admin, every feature's example content (the features' list
 * gives it: products, the licensed plugin, membership tiers, posts), and a
 * year of history behind them.
 */
export async function setUpDemoStore(
  services: Services,
  opts: { content: readonly DemoContent[]; now?: Date; locale?: Locale },
): Promise<{ email: string; password: string; history: DemoHistoryResult }> {
  const login = await ensureDemoStore(services.database.db, opts.locale);
  const now = opts.now ?? new Date();
  for (const add of opts.content) await add(services, now);
  const history = await addDemoHistory(services, opts);
  if (history.added) services.log.info(history, 'demo history added');
  return { ...login, history };
}
