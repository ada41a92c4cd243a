import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hashLicenseKey } from './license-key.js';

export const KEYS_PER_PAGE = 50;

/** `%` and `_` in a search term are meant literally. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type LicenseKeyRow = Awaited<ReturnType<typeof listLicenseKeys>>['rows'][number];

/** Keys, newest first; `q` matches a (partial) key, the buyer's email address or the product title. */
export async function listLicenseKeys(db: Kysely<DB>, { q, page }: { q: string; page: number }) {
  let query = db
    .selectFrom('license_keys as k')
    .innerJoin('orders as o', 'o.id', 'k.order_id')
    .innerJoin('products as p', 'p.id', 'k.product_id')
    .select([
      'k.id',
      'k.display_key',
      'k.activation_limit',
      'k.activation_usage',
      'k.expires_at',
      'k.disabled_at',
      'k.created_at',
      'o.email',
      'p.title as product_title',
    ]);
  const term = q.trim();
  if (term) {
    const text = likePattern(term.toLowerCase());
    const key = likePattern(term.toUpperCase());
    query = query.where((eb) =>
      eb.or([
        eb('k.key_hash', '=', hashLicenseKey(term)),
        sql<SqlBool>`${eb.ref('k.display_key')} like ${key} escape '\\'`,
        sql<SqlBool>`lower(${eb.ref('o.email')}) like ${text} escape '\\'`,
        sql<SqlBool>`lower(${eb.ref('p.title')}) like ${text} escape '\\'`,
      ]),
    );
  }
  const rows = await query
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id')
    .limit(KEYS_PER_PAGE + 1)
    .offset((page - 1) * KEYS_PER_PAGE)
    .execute();
  return { rows: rows.slice(0, KEYS_PER_PAGE), page, hasNext: rows.length > KEYS_PER_PAGE };
}

export type LicenseKeyDetail = NonNullable<Awaited<ReturnType<typeof findLicenseKeyDetail>>>;

export function findLicenseKeyDetail(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('license_keys as k')
    .innerJoin('orders as o', 'o.id', 'k.order_id')
    .innerJoin('products as p', 'p.id', 'k.product_id')
    .selectAll('k')
    .select(['o.number as order_number', 'o.email', 'o.name as customer_name', 'p.title as product_title'])
    .where('k.id', '=', id)
    .executeTakeFirst();
}

export type LicensingProductRow = Awaited<ReturnType<typeof listLicensingProducts>>[number];

/** Every product with its licence-key option and how many keys it has issued. */
export function listLicensingProducts(db: Kysely<DB>) {
  return db
    .selectFrom('products as p')
    .leftJoin('license_settings as s', 's.product_id', 'p.id')
    .select((eb) => [
      'p.id',
      'p.title',
      'p.status',
      's.enabled',
      's.activation_limit',
      's.validity',
      's.validity_days',
      eb
        .selectFrom('license_keys as k')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('k.product_id', '=', 'p.id')
        .as('keys'),
    ])
    .where('p.status', '!=', 'archived')
    .orderBy('p.title')
    .limit(500)
    .execute();
}

export function findProductLicensing(db: Kysely<DB>, productId: string) {
  return db
    .selectFrom('products as p')
    .leftJoin('license_settings as s', 's.product_id', 'p.id')
    .select(['p.id', 'p.title', 's.enabled', 's.activation_limit', 's.validity', 's.validity_days'])
    .where('p.id', '=', productId)
    .executeTakeFirst();
}
