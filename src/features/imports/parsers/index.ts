import type { ImportParser } from '../records.js';
import { ghostMembers } from './ghost-members.js';
import { gumroadSales } from './gumroad-sales.js';

/** Every export we can read; the importer picks by source, then checks the header. */
export const importParsers: readonly ImportParser[] = [gumroadSales, ghostMembers];

export { ImportFileError } from './csv.js';
