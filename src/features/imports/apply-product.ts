import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type ApplyContext, createdEarlier, remember } from './outcome.js';

export type ProductRef = { productId: string; verdict: 'create' | 'match' };

/**
 * The product a platform's product becomes: the one mapped before (source +
 * the platform's product id), else a download of the same name, else a new
 * draft download priced as sold (the creator adds its files and publishes it).
 * The mapping is kept, so later files of the same platform land on the same product.
 */
export async function resolveProduct(
  ctx: ApplyContext,
  p: { externalId: string; name: string; priceMinor: number; currency: string },
): Promise<ProductRef> {
  const { trx, source } = ctx;
  const mapped = await trx
    .selectFrom('import_product_map')
    .select('product_id')
    .where('source', '=', source)
    .where('product_external_id', '=', p.externalId)
    .executeTakeFirst();
  if (mapped) return { productId: mapped.product_id, verdict: 'match' };
  const key = `product:${p.externalId}`;
  const earlier = (await createdEarlier(ctx, key)) !== undefined;
  const byName = await trx
    .selectFrom('products')
    .select('id')
    .where(sql<boolean>`lower(title) = ${p.name.toLowerCase()}`)
    .where('kind', '=', 'download')
    .orderBy('created_at')
    .executeTakeFirst();
  const productId = byName?.id ?? (await createDraft(ctx, p));
  await trx
    .insertInto('import_product_map')
    .values({ source, product_external_id: p.externalId, product_id: productId, created_at: ctx.now })
    .execute();
  remember(ctx, key);
  return { productId, verdict: byName || earlier ? 'match' : 'create' };
}

async function createDraft(ctx: ApplyContext, p: { name: string; priceMinor: number; currency: string }) {
  const id = randomUUID();
  const base =
    p.name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'product';
  await ctx.trx
    .insertInto('products')
    .values({
      id,
      // The id's start keeps two products of one name apart.
      slug: `${base}-${id.slice(0, 8)}`,
      kind: 'download',
      title: p.name.slice(0, 200) || ctx.platform,
      status: 'draft',
      pricing: 'fixed',
      currency: p.currency,
      price_minor: p.priceMinor,
      suggested_price_minor: null,
      cover_key: null,
      created_at: ctx.now,
      updated_at: ctx.now,
      published_at: null,
    })
    .execute();
  return id;
}
