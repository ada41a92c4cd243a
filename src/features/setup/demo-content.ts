import type { Db } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { type CurrencyCode, writeSetting } from '../settings/store-settings.js';

export type DemoOptions = { locale: Locale; currency: CurrencyCode };

/**
 * Fills a new store with example content so a newcomer sees a working shop.
 * Each capability adds its own demo items here (products, posts, keys …).
 */
export async function addDemoContent(db: Db, _opts: DemoOptions): Promise<void> {
  await writeSetting(db, 'demo.enabled', '1');
}
