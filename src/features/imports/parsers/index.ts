import type { ImportParser } from '../records.js';
import { digistore24Purchases } from './digistore24-purchases.js';
import { ghostMembers } from './ghost-members.js';
import { gumroadSales } from './gumroad-sales.js';
import { lemonSqueezyLicenceKeys } from './lemonsqueezy-licence-keys.js';
import { lemonSqueezySubscribers } from './lemonsqueezy-subscribers.js';

/** Every export we can read; the importer picks by source, then checks the header. */
export const importParsers: readonly ImportParser[] = [
  gumroadSales,
  ghostMembers,
  lemonSqueezySubscribers,
  lemonSqueezyLicenceKeys,
  // Last: it reads German headers and the API's names loosely, so the others' exact headers go first.
  digistore24Purchases,
];

export { ImportFileError } from './csv.js';
