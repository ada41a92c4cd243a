import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { LegalOverview } from './admin.pages.js';
import { missingImpressumFields, readImpressum } from './impressum.js';
import { listEditedPages } from './legal-pages.js';
import { listWithdrawals } from './withdrawal-queries.js';

/** Products marked as licensed distance learning that still lack a licence number. */
export function listFernusgWarnings(db: Kysely<DB>) {
  return db
    .selectFrom('product_legal')
    .innerJoin('products', 'products.id', 'product_legal.product_id')
    .select(['products.id', 'products.title'])
    .where('product_legal.distance_learning', '=', 1)
    .where('product_legal.fernusg_licence', '=', '')
    .where('products.status', '!=', 'archived')
    .execute();
}

export async function loadLegalOverview(db: Kysely<DB>): Promise<LegalOverview> {
  const [edited, impressum, withdrawals, fernusgWarnings, products] = await Promise.all([
    listEditedPages(db),
    readImpressum(db),
    listWithdrawals(db),
    listFernusgWarnings(db),
    db
      .selectFrom('products')
      .select(['id', 'title'])
      .where('status', '!=', 'archived')
      .orderBy('title')
      .limit(200)
      .execute(),
  ]);
  return { edited, impressumMissing: missingImpressumFields(impressum), withdrawals, fernusgWarnings, products };
}
