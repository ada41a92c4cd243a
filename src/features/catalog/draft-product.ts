import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, ProductKind } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { slugsLike } from './queries.js';
import { firstFreeSlug, slugify } from './slug.js';

/**
 * A new draft product of a kind with its own editor (a course, an event, a
 * session type): free, in the store's currency, under the first free slug
 * made from its title (`fallback` when the title gives none). Its feature
 * adds its own row in the same transaction. Returns the product's id.
 */
export async function insertDraftProduct(
  trx: Transaction<DB>,
  input: { kind: ProductKind; title: string; fallbackSlug: string },
): Promise<{ id: string; slug: string }> {
  const id = randomUUID();
  const now = isoNow();
  const { currency } = await getStoreSettings(trx);
  const base = slugify(input.title) || input.fallbackSlug;
  const slug = firstFreeSlug(base, await slugsLike(trx, base));
  await trx
    .insertInto('products')
    .values({
      id,
      slug,
      kind: input.kind,
      title: input.title,
      status: 'draft',
      pricing: 'free',
      currency,
      cover_key: null,
      suggested_price_minor: null,
      created_at: now,
      updated_at: now,
      published_at: null,
    })
    .execute();
  return { id, slug };
}
