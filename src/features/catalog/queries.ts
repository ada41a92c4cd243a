import { sql } from 'kysely';
import type { Db, FileVersion, Product, ProductKind, ProductStatus } from '../../db/schema.js';

/** The kinds the store front lists and the catalogue admin edits (a membership's product belongs to its tier). */
export const STOREFRONT_KINDS = [
  'download',
  'course',
  'event',
  'booking',
  'podcast',
] as const satisfies readonly ProductKind[];

export function findProductById(db: Db, id: string): Promise<Product | undefined> {
  return db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Only what the public may see: a published product. */
export function findPublishedProductBySlug(db: Db, slug: string): Promise<Product | undefined> {
  return db
    .selectFrom('products')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .where('kind', 'in', STOREFRONT_KINDS)
    .executeTakeFirst();
}

/** A product file with its current version, as buyers get it. */
export type ProductFileWithVersion = {
  /** The file's id (stable across versions). */
  id: string;
  product_id: string;
  /** Name shown to buyers. */
  name: string;
  position: number;
  version_id: string;
  version: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  /** When the current version was uploaded. */
  updated_at: string;
};

/** The product's files that are not deleted and have a version, in their order. */
export async function listProductFiles(db: Db, productId: string): Promise<ProductFileWithVersion[]> {
  const rows = await db
    .selectFrom('product_files as f')
    .innerJoin('file_versions as v', 'v.id', 'f.current_version_id')
    .select([
      'f.id',
      'f.product_id',
      'f.name',
      'f.position',
      'v.id as version_id',
      'v.version',
      'v.file_name',
      'v.content_type',
      'v.size_bytes',
      'v.sha256',
      'v.storage_key',
      'v.created_at as updated_at',
    ])
    .where('f.product_id', '=', productId)
    .where('f.deleted_at', 'is', null)
    .orderBy('f.position')
    .orderBy('f.created_at')
    .execute();
  return rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }));
}

/** The current version of a file that is not deleted, with its product and display name. */
export async function findFileVersion(
  db: Db,
  fileId: string,
): Promise<(FileVersion & { product_id: string; name: string }) | undefined> {
  const row = await db
    .selectFrom('product_files as f')
    .innerJoin('file_versions as v', 'v.id', 'f.current_version_id')
    .selectAll('v')
    .select(['f.product_id', 'f.name'])
    .where('f.id', '=', fileId)
    .where('f.deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? { ...row, size_bytes: Number(row.size_bytes) } : undefined;
}

/** A file of a product (deleted ones excluded), for the admin's file actions. */
export function findProductFile(db: Db, productId: string, fileId: string) {
  return db
    .selectFrom('product_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('product_id', '=', productId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Published products for the store front: by position, newest first. */
export function listPublishedProducts(db: Db, limit = 200): Promise<Product[]> {
  return db
    .selectFrom('products')
    .selectAll()
    .where('status', '=', 'published')
    .where('kind', 'in', STOREFRONT_KINDS)
    .orderBy('position')
    .orderBy('published_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export const ADMIN_PAGE_SIZE = 50;

export type ProductListRow = Product & { file_count: number };
export type ProductList = { rows: ProductListRow[]; page: number; hasNext: boolean };

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The admin's product list: optional status filter and search in title and slug. */
export async function listProducts(
  db: Db,
  opts: { status?: ProductStatus | undefined; q?: string | undefined; page?: number },
): Promise<ProductList> {
  const page = opts.page ?? 1;
  let query = db
    .selectFrom('products as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('product_files as f')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('f.product_id', '=', 'p.id')
        .where('f.deleted_at', 'is', null)
        .as('file_count'),
    );
  // Membership products belong to their tier (Memberships admin), not to the catalogue.
  query = query.where('p.kind', 'in', STOREFRONT_KINDS);
  if (opts.status) query = query.where('p.status', '=', opts.status);
  const q = opts.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    // SQLite has no default LIKE escape character; name it for both databases.
    query = query.where(
      sql<boolean>`(lower(p.title) like ${pattern} escape '\\' or p.slug like ${pattern} escape '\\')`,
    );
  }
  const rows = await query
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id')
    .limit(ADMIN_PAGE_SIZE + 1)
    .offset((page - 1) * ADMIN_PAGE_SIZE)
    .execute();
  return {
    rows: rows.slice(0, ADMIN_PAGE_SIZE).map((r) => ({ ...r, file_count: Number(r.file_count ?? 0) })),
    page,
    hasNext: rows.length > ADMIN_PAGE_SIZE,
  };
}

export async function countProductsByStatus(db: Db): Promise<Record<ProductStatus, number>> {
  const rows = await db
    .selectFrom('products')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', 'in', STOREFRONT_KINDS)
    .groupBy('status')
    .execute();
  const counts: Record<ProductStatus, number> = { draft: 0, published: 0, archived: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Slugs equal to `base` or of the form `base-…`, except the product being edited. */
export async function slugsLike(db: Db, base: string, exceptId?: string): Promise<Set<string>> {
  let query = db
    .selectFrom('products')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)])); // slugs hold no LIKE wildcards
  if (exceptId) query = query.where('id', '!=', exceptId);
  return new Set((await query.execute()).map((r) => r.slug));
}

/** Whether buyers of a product get anything: a live file, a published lesson or episode, or licence keys switched on. */
export async function deliversSomething(db: Db, productId: string): Promise<boolean> {
  const file = await db
    .selectFrom('product_files')
    .select('id')
    .where('product_id', '=', productId)
    .where('deleted_at', 'is', null)
    .where('current_version_id', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (file) return true;
  // A course delivers its published lessons.
  const lesson = await db
    .selectFrom('course_lessons')
    .select('id')
    .where('product_id', '=', productId)
    .where('status', '=', 'published')
    .limit(1)
    .executeTakeFirst();
  if (lesson) return true;
  // A podcast delivers its episodes (a scheduled one will be there).
  const episode = await db
    .selectFrom('podcast_episodes')
    .select('id')
    .where('show_id', '=', productId)
    .where('status', 'in', ['published', 'scheduled'])
    .limit(1)
    .executeTakeFirst();
  if (episode) return true;
  const keys = await db
    .selectFrom('license_settings')
    .select('product_id')
    .where('product_id', '=', productId)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return keys !== undefined;
}
