import { randomUUID } from 'node:crypto';
import type { Pricing, ProductStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { seedFile } from '../delivery/testing.js';

/** Test-only: a product with one stored file, as the catalogue would create it. */
export async function seedProduct(
  services: Services,
  opts: {
    title?: string;
    pricing?: Pricing;
    priceMinor?: number;
    minMinor?: number;
    suggestedMinor?: number | null;
    status?: ProductStatus;
    currency?: string;
    bytes?: Buffer;
  } = {},
) {
  const id = randomUUID();
  const now = isoNow();
  await services.database.db
    .insertInto('products')
    .values({
      id,
      slug: `product-${id.slice(0, 8)}`,
      title: opts.title ?? 'Sourdough Handbook',
      pricing: opts.pricing ?? 'fixed',
      currency: opts.currency ?? 'EUR',
      price_minor: opts.priceMinor ?? 1900,
      min_price_minor: opts.minMinor ?? 0,
      suggested_price_minor: opts.suggestedMinor ?? null,
      status: opts.status ?? 'published',
      cover_key: null,
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .execute();
  const file = await seedFile(services, id, { bytes: opts.bytes, fileName: 'Sauerteig – Größe.pdf' });
  return { id, file };
}

/** The order a checkout created, by the redirect it answered with. */
export async function latestOrder(services: Services) {
  return services.database.db
    .selectFrom('orders')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export function countRows(
  services: Services,
  table: 'deliveries' | 'emails' | 'order_events' | 'orders',
  where?: [string, string],
) {
  let q = services.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where(where[0] as never, '=', where[1] as never);
  return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
}
