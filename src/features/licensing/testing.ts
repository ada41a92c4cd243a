import type { FastifyInstance } from 'fastify';
import type { LicenseValidity } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { buildTestApp, type TestAppOptions } from '../../testing/app.js';
import { type SeedPurchaseOptions, seedPurchase } from '../delivery/testing.js';
import { issueLicenseKeys } from './issue-license-keys.js';
import { licenseKeysForOrder } from './queries.js';

/** Test-only helpers for licence keys. */

export type LicensingOptions = { limit?: number | null; validity?: LicenseValidity; days?: number | null };

/** A test app whose licence API is not rate-limited unless a test asks for it. */
export function buildLicensingTestApp(opts: TestAppOptions = {}) {
  return buildTestApp({
    ...opts,
    env: { LICENSE_RATE_PER_IP: '1000000', LICENSE_RATE_PER_KEY: '1000000', ...opts.env },
  });
}

export async function enableLicensing(services: Services, productId: string, opts: LicensingOptions = {}) {
  const values = {
    enabled: 1,
    activation_limit: opts.limit === undefined ? 3 : opts.limit,
    validity: opts.validity ?? 'forever',
    validity_days: opts.days ?? null,
    updated_at: isoNow(),
  };
  await services.database.db
    .insertInto('license_settings')
    .values({ product_id: productId, ...values })
    .onConflict((oc) => oc.column('product_id').doUpdateSet(values))
    .execute();
}

/** A paid purchase of a product with licence keys, fulfilled as far as keys go. */
export async function seedLicensedPurchase(
  services: Services,
  opts: LicensingOptions & SeedPurchaseOptions & { quantity?: number } = {},
) {
  const purchase = await seedPurchase(services, opts);
  const { db } = services.database;
  await enableLicensing(services, purchase.productId, opts);
  if (opts.quantity) {
    await db
      .updateTable('order_items')
      .set({ quantity: opts.quantity })
      .where('id', '=', purchase.orderItemId)
      .execute();
  }
  await db.transaction().execute((trx) => issueLicenseKeys(trx, purchase.orderId));
  const keys = await licenseKeysForOrder(db, purchase.orderId);
  return { ...purchase, keys, key: keys[0]?.key ?? '' };
}

/** POSTs to the licence API as a form (like curl -d) or as JSON. */
export function callApi(
  app: FastifyInstance,
  url: string,
  fields: Record<string, unknown>,
  as: 'form' | 'json' = 'form',
  headers: Record<string, string> = {},
) {
  const payload =
    as === 'json'
      ? JSON.stringify(fields)
      : new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
  const type = as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  return app.inject({ method: 'POST', url, payload, headers: { 'content-type': type, ...headers } });
}
