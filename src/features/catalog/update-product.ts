import type { Kysely } from 'kysely';
import type { DB, Product } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { setProductTax } from '../tax/product-tax.js';
import { chooseSlug, type SaveProductResult } from './choose-slug.js';
import { type ProductInput, productColumns } from './product-input.js';
import { findProductById } from './queries.js';
import { isUniqueViolation } from './unique-violation.js';

export type UpdateProductOptions = { db: Kysely<DB>; id: string; input: ProductInput; actor: string };

/** Saves the product form; the first publication stamps `published_at`. */
export async function updateProduct({ db, id, input, actor }: UpdateProductOptions): Promise<SaveProductResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const before: Product | undefined = await findProductById(trx, id);
      if (!before) return { kind: 'not-found' as const };
      const slug = await chooseSlug(trx, input, id);
      const now = isoNow();
      const columns = productColumns(input);
      // An event's price and currency follow its ticket types (events feature), whatever the form sent.
      const { pricing, currency, price_minor, min_price_minor, suggested_price_minor, ...text } = columns;
      await trx
        .updateTable('products')
        .set({
          slug,
          ...(before.kind === 'event' ? text : columns),
          updated_at: now,
          published_at: before.published_at ?? (input.status === 'published' ? now : null),
        })
        .where('id', '=', id)
        .execute();
      if (input.tax) await setProductTax(trx, id, input.tax);
      const changed = before.status !== input.status ? { from: before.status, to: input.status } : {};
      const tax = input.tax ? { taxCategory: input.tax.category } : {};
      await recordAudit(trx, actor, 'product.updated', { id, slug, ...changed, ...tax });
      return { kind: 'ok' as const, id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { kind: 'slug-taken' };
    throw err;
  }
}
