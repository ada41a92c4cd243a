import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { OrderStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { downloadPath, expiryIn } from './signed-links.js';

/** Test-only: seeds purchases with real stored bytes, as checkout and the catalogue would. */

export type SeedFileOptions = { name?: string; fileName?: string; bytes?: Buffer; contentType?: string };
export type SeededFile = { fileId: string; versionId: string; bytes: Buffer; sha256: string; fileName: string };

/** A product file with one stored version, made current. */
export async function seedFile(services: Services, productId: string, opts: SeedFileOptions = {}): Promise<SeededFile> {
  const { db } = services.database;
  const bytes = opts.bytes ?? Buffer.from(`bytes of ${randomUUID()}\n`.repeat(50));
  const stored = await services.storage.put(Readable.from(bytes));
  const fileId = randomUUID();
  const versionId = randomUUID();
  const fileName = opts.fileName ?? 'workbook.pdf';
  const now = isoNow();
  await db
    .insertInto('product_files')
    .values({
      id: fileId,
      product_id: productId,
      name: opts.name ?? 'Workbook',
      current_version_id: null,
      created_at: now,
      deleted_at: null,
    })
    .execute();
  await db
    .insertInto('file_versions')
    .values({
      id: versionId,
      file_id: fileId,
      version: 1,
      storage_key: stored.key,
      file_name: fileName,
      content_type: opts.contentType ?? 'application/pdf',
      size_bytes: stored.sizeBytes,
      sha256: stored.sha256,
      created_at: now,
    })
    .execute();
  await db.updateTable('product_files').set({ current_version_id: versionId }).where('id', '=', fileId).execute();
  return { fileId, versionId, bytes, sha256: stored.sha256, fileName };
}

export type SeedPurchaseOptions = SeedFileOptions & {
  email?: string;
  title?: string;
  status?: OrderStatus;
  /** null: unlimited (the default). */
  downloadLimit?: number | null;
  locale?: string;
  createdAt?: string;
};

export type SeededPurchase = SeededFile & {
  email: string;
  productId: string;
  customerId: string;
  orderId: string;
  orderNumber: string;
  orderItemId: string;
  deliveryId: string;
};

/** A product with one file, a customer, an order (paid by default) with one item, and its delivery. */
export async function seedPurchase(services: Services, opts: SeedPurchaseOptions = {}): Promise<SeededPurchase> {
  const { db } = services.database;
  const now = opts.createdAt ?? isoNow();
  const email = opts.email ?? `buyer-${randomUUID().slice(0, 8)}@example.com`;
  const productId = randomUUID();
  const title = opts.title ?? 'Calm Spreadsheets';
  await db
    .insertInto('products')
    .values({
      id: productId,
      slug: `p-${productId}`,
      title,
      pricing: 'fixed',
      currency: 'EUR',
      price_minor: 1900,
      created_at: now,
      updated_at: now,
      published_at: now,
      status: 'published',
      cover_key: null,
      suggested_price_minor: null,
    })
    .execute();
  const file = await seedFile(services, productId, opts);
  await db
    .insertInto('customers')
    .values({ id: randomUUID(), email, locale: opts.locale ?? 'en', created_at: now })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const customer = await db.selectFrom('customers').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const orderId = randomUUID();
  const orderNumber = `T-${randomUUID().slice(0, 8)}`;
  const status = opts.status ?? 'paid';
  await db
    .insertInto('orders')
    .values({
      id: orderId,
      number: orderNumber,
      customer_id: customer.id,
      email,
      locale: opts.locale ?? 'en',
      status,
      currency: 'EUR',
      subtotal_minor: 1900,
      total_minor: 1900,
      provider: 'test',
      provider_ref: null,
      discount_code_id: null,
      access_key: randomUUID(),
      created_at: now,
      updated_at: now,
      paid_at: status === 'paid' || status === 'refunded' ? now : null,
      refunded_at: status === 'refunded' ? now : null,
    })
    .execute();
  const orderItemId = randomUUID();
  await db
    .insertInto('order_items')
    .values({
      id: orderItemId,
      order_id: orderId,
      product_id: productId,
      title,
      unit_price_minor: 1900,
      total_minor: 1900,
    })
    .execute();
  const deliveryId = randomUUID();
  await db
    .insertInto('deliveries')
    .values({
      id: deliveryId,
      order_item_id: orderItemId,
      order_id: orderId,
      product_id: productId,
      download_limit: opts.downloadLimit ?? null,
      created_at: now,
      revoked_at: status === 'refunded' ? now : null,
    })
    .execute();
  return { ...file, email, productId, customerId: customer.id, orderId, orderNumber, orderItemId, deliveryId };
}

/** The signed path of one file of a delivery; `expiresAt` in Unix seconds (default: valid for a day). */
export function signedPath(services: Services, deliveryId: string, fileId: string, expiresAt = expiryIn(24)): string {
  return downloadPath(services.config.sessionSecret, { deliveryId, fileId, expiresAt });
}

/** Emails queued to an address, newest last. */
export function emailsTo(services: Services, address: string) {
  return services.database.db
    .selectFrom('emails')
    .selectAll()
    .where('to_address', '=', address)
    .orderBy('created_at')
    .execute();
}

/** The app-relative path of every link in a plain-text email. */
export function pathsIn(text: string, publicUrl: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(publicUrl))
    .map((line) => line.slice(publicUrl.length).trim());
}
