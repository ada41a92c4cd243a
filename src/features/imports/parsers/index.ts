import type { ImportParser } from '../records.js';
import { gumroadSales } from './gumroad-sales.js';

/** Every export we can read; the importer picks by source, then checks the header. */
export const importParsers: readonly ImportParser[] = [gumroadSales];

export { ImportFileError } from './csv.js';
