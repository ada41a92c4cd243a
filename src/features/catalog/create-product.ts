import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { setProductTax } from '../tax/product-tax.js';
import { chooseSlug, type SaveProductResult } from './choose-slug.js';
import { type ProductInput, productColumns } from './product-input.js';
import { isUniqueViolation } from './unique-violation.js';

export type CreateProductOptions = { db: Kysely<DB>; input: ProductInput; actor: string };

/** A new product; the UNIQUE slug column decides a race between two equal slugs. */
export async function createProduct({ db, input, actor }: CreateProductOptions): Promise<SaveProductResult> {
  const id = randomUUID();
  const now = isoNow();
  try {
    await db.transaction().execute(async (trx) => {
      const slug = await chooseSlug(trx, input);
      await trx
        .insertInto('products')
        .values({
          id,
          slug,
          ...productColumns(input),
          cover_key: null,
          created_at: now,
          updated_at: now,
          published_at: input.status === 'published' ? now : null,
        })
        .execute();
      if (input.tax) await setProductTax(trx, id, input.tax);
      await recordAudit(trx, actor, 'product.created', { id, slug, status: input.status });
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { kind: 'slug-taken' };
    throw err;
  }
  return { kind: 'ok', id };
}
