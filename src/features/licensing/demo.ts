import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { storeCover } from '../catalog/cover-image.js';
import { coverSvg, makeZip } from '../catalog/demo-files.js';
import { demoPrice } from '../catalog/demo-products.js';
import { addFileRows } from '../catalog/file-rows.js';
import { claimSetting, clearSettingsCache, getStoreSettings } from '../settings/store-settings.js';
import { activateScript, DEMO_PLUGIN_TEXTS } from './demo-texts.js';

const DEMO_CLAIM = 'demo.licensed_product_added';
export const DEMO_ACTIVATION_LIMIT = 3;

/**
 * The demo store's paid plugin that issues licence keys (3 activations each):
 * a product with a cover and a small ZIP, published, with licence keys on.
 * Runs once (a setting claimed in the same transaction as the inserts), so
 * every start of a demo store may call it. Call it after the catalogue's
 * demo products, which only appear in an empty store.
 */
export async function addDemoLicensedProduct(services: Services): Promise<{ added: boolean }> {
  const { db } = services.database;
  if (await db.selectFrom('settings').select('key').where('key', '=', DEMO_CLAIM).executeTakeFirst()) {
    return { added: false };
  }
  clearSettingsCache();
  const { locale, currency } = await getStoreSettings(db);
  const text = DEMO_PLUGIN_TEXTS[locale];
  const url = services.config.publicUrl;

  // Files first (storage is not transactional); removed again if another run wins.
  const coverKey = await storeCover(
    services.storage,
    coverSvg({ title: text.title, label: 'Plugin', from: '#7c3aed', to: '#0891b2' }),
  );
  const zip = makeZip([
    { name: 'README.txt', content: text.readme(url) },
    { name: 'activate.mjs', content: activateScript(url) },
  ]);
  const object = await services.storage.put(Readable.from([zip]), { prefix: 'files' });

  const added = await db.transaction().execute(async (trx) => {
    if (!(await claimSetting(trx, DEMO_CLAIM, isoNow()))) return false;
    if (await trx.selectFrom('products').select('id').where('slug', '=', text.slug).executeTakeFirst()) return false;
    const now = isoNow();
    const productId = randomUUID();
    const fileId = randomUUID();
    const versionId = randomUUID();
    await trx
      .insertInto('products')
      .values({
        id: productId,
        slug: text.slug,
        title: text.title,
        summary: text.summary,
        description_md: text.description(url),
        status: 'published',
        pricing: 'fixed',
        currency,
        price_minor: demoPrice(29, currency),
        suggested_price_minor: null,
        cover_key: coverKey,
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .execute();
    const stored = { ...object, fileName: text.fileName, contentType: 'application/zip' };
    await addFileRows(trx, { productId, name: text.fileLabel, position: 0, stored, now, fileId, versionId });
    await trx
      .insertInto('license_settings')
      .values({
        product_id: productId,
        enabled: 1,
        activation_limit: DEMO_ACTIVATION_LIMIT,
        validity: 'forever',
        validity_days: null,
        updated_at: now,
      })
      .execute();
    return true;
  });
  if (!added) {
    await services.storage.delete(coverKey);
    await services.storage.delete(object.key);
  }
  return { added };
}
