import type { Db } from '../../db/schema.js';
import { readSetting } from '../settings/store-settings.js';

export type TaxMode = 'small_business' | 'regular';

/** The store's VAT mode (set in the tax settings); missing or unknown means regular VAT. */
export async function readTaxMode(db: Db): Promise<TaxMode> {
  return (await readSetting(db, 'tax.mode')) === 'small_business' ? 'small_business' : 'regular';
}
