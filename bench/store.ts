// Preparing the bench store: the set-up through the real form, and paid
// orders written straight into the stopped store's database.

import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { downloadPath, expiryIn } from '../src/features/delivery/signed-links.js';
import { issueLicenseKeys } from '../src/features/licensing/issue-license-keys.js';

/** Completes the first-start set-up through the real form, as a browser would. */
export async function setUpOverHttp(base: string, output: string): Promise<void> {
  const code = /\/setup\?code=([0-9a-f]+)/.exec(output)?.[1];
  if (!code) throw new Error(`no set-up code printed:\n${output}`);
  const page = await fetch(`${base}/setup?code=${code}`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error('no CSRF token on /setup');
  const res = await fetch(`${base}/setup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie },
    body: new URLSearchParams({
      _csrf: csrf,
      code,
      email: 'owner@example.com',
      password: 'bench password 123',
      storeName: 'Bench Store',
      locale: 'en',
      currency: 'EUR',
      demo: '1',
    }),
  });
  if (res.status !== 303 || res.headers.get('location') !== '/admin') {
    throw new Error(`set-up failed: HTTP ${res.status}\n${(await res.text()).slice(0, 500)}`);
  }
}

type Product = { id: string; title: string; price_minor: number; currency: string };

/** A paid order of one product, with its item; returns the ids. */
async function seedPaidOrder(
  db: Kysely<DB>,
  product: Product,
  email: string,
): Promise<{ orderId: string; itemId: string }> {
  const now = new Date().toISOString();
  const [customerId, orderId, itemId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  await db
    .insertInto('customers')
    .values({ id: customerId, email, locale: 'en', created_at: now })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const customer = await db.selectFrom('customers').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  await db
    .insertInto('orders')
    .values({
      id: orderId,
      number: `BENCH-${orderId.slice(0, 8)}`,
      customer_id: customer.id,
      email,
      locale: 'en',
      status: 'paid',
      currency: product.currency,
      subtotal_minor: product.price_minor,
      total_minor: product.price_minor,
      discount_code_id: null,
      provider: 'test',
      provider_ref: null,
      access_key: crypto.randomUUID(),
      created_at: now,
      updated_at: now,
      paid_at: now,
      refunded_at: null,
    })
    .execute();
  await db
    .insertInto('order_items')
    .values({
      id: itemId,
      order_id: orderId,
      product_id: product.id,
      title: product.title,
      unit_price_minor: product.price_minor,
      total_minor: product.price_minor,
    })
    .execute();
  return { orderId, itemId };
}

async function withStoreDb<T>(dataDir: string, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const database = await openDatabase(`sqlite:${join(dataDir, 'vielfach.db')}`);
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

/** A paid order of the demo plugin with its licence key. */
export function seedLicenseKey(dataDir: string): Promise<string> {
  return withStoreDb(dataDir, async (db) => {
    const product = await db
      .selectFrom('products')
      .innerJoin('license_settings', 'license_settings.product_id', 'products.id')
      .select(['products.id', 'products.title', 'products.price_minor', 'products.currency'])
      .where('license_settings.enabled', '=', 1)
      .executeTakeFirstOrThrow();
    const { orderId } = await seedPaidOrder(db, product, 'bench@example.com');
    await db.transaction().execute((trx) => issueLicenseKeys(trx, orderId));
    const key = await db
      .selectFrom('license_keys')
      .select('display_key')
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    return key.display_key;
  });
}

/**
 * A product whose only file is `sizeBytes` large (written in 1 MiB blocks,
 * hashed on the way), bought once with an unlimited delivery; returns a signed
 * download path valid for a day.
 */
export async function seedLargeDownload(dataDir: string, sizeBytes: number): Promise<string> {
  const key = `files/${crypto.randomUUID()}`;
  const target = join(dataDir, 'files', ...key.split('/'));
  mkdirSync(dirname(target), { recursive: true });
  const block = randomBytes(1024 * 1024);
  const hash = createHash('sha256');
  const out = createWriteStream(target);
  for (let written = 0; written < sizeBytes; written += block.length) {
    const chunk = block.subarray(0, Math.min(block.length, sizeBytes - written));
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const secret = readFileSync(join(dataDir, 'secret.key'), 'utf8').trim();
  return withStoreDb(dataDir, async (db) => {
    const now = new Date().toISOString();
    const product = { id: crypto.randomUUID(), title: 'Bench video', price_minor: 1000, currency: 'EUR' };
    await db
      .insertInto('products')
      .values({
        ...product,
        slug: `bench-video-${product.id.slice(0, 8)}`,
        pricing: 'fixed',
        status: 'draft',
        suggested_price_minor: null,
        cover_key: null,
        created_at: now,
        updated_at: now,
        published_at: null,
      })
      .execute();
    const [fileId, versionId, deliveryId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await db
      .insertInto('product_files')
      .values({
        id: fileId,
        product_id: product.id,
        name: 'Video',
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
        storage_key: key,
        file_name: 'video.mp4',
        content_type: 'video/mp4',
        size_bytes: sizeBytes,
        sha256: hash.digest('hex'),
        created_at: now,
      })
      .execute();
    await db.updateTable('product_files').set({ current_version_id: versionId }).where('id', '=', fileId).execute();
    const { orderId, itemId } = await seedPaidOrder(db, product, 'viewer@example.com');
    await db
      .insertInto('deliveries')
      .values({
        id: deliveryId,
        order_item_id: itemId,
        order_id: orderId,
        product_id: product.id,
        download_limit: null,
        created_at: now,
        revoked_at: null,
      })
      .execute();
    return downloadPath(secret, { deliveryId, fileId, expiresAt: expiryIn(24) });
  });
}
