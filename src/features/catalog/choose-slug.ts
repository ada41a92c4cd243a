import type { Db } from '../../db/schema.js';
import type { ProductInput } from './product-input.js';
import { slugsLike } from './queries.js';
import { firstFreeSlug, slugify } from './slug.js';

export type SaveProductResult = { kind: 'ok'; id: string } | { kind: 'slug-taken' } | { kind: 'not-found' };

/**
 * The slug as typed, or a free one made from the title when the field was left
 * empty. Not a guard: the UNIQUE slug column decides a race.
 */
export async function chooseSlug(db: Db, input: ProductInput, exceptId?: string): Promise<string> {
  if (input.slug) return input.slug;
  const base = slugify(input.title);
  return firstFreeSlug(base, await slugsLike(db, base || 'product', exceptId));
}
