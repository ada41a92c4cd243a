import { handleJob } from '../../jobs/define.js';
import { isLocale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { notifyBuyersJob } from './job-contracts.js';

/**
 * After a new file version: one email per buyer with a paid order for the
 * product. Each email's unique key names the version and the order, so a
 * retried or repeated run never emails anyone twice.
 */
export const notifyBuyersHandler = handleJob(notifyBuyersJob, async ({ versionId }, { db, services, signal }) => {
  const version = await db
    .selectFrom('file_versions as v')
    .innerJoin('product_files as f', 'f.id', 'v.file_id')
    .innerJoin('products as p', 'p.id', 'f.product_id')
    .select(['v.version', 'f.name as fileName', 'p.id as productId', 'p.title as productTitle'])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  if (!version) return; // the file was removed meanwhile: nothing to announce

  const orders = await db
    .selectFrom('orders as o')
    .innerJoin('order_items as i', 'i.order_id', 'o.id')
    .select(['o.id', 'o.email', 'o.name', 'o.locale', 'o.created_at'])
    .where('i.product_id', '=', version.productId)
    .where('o.status', '=', 'paid')
    .orderBy('o.created_at')
    .orderBy('o.id')
    .execute();
  const { locale: storeLocale } = await getStoreSettings(db);
  const libraryUrl = `${services.config.publicUrl}/library`;
  const seen = new Set<string>();
  for (const order of orders) {
    // One email per buyer: their first paid order for the product carries the key (stable across runs).
    const email = order.email.trim().toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    if (signal.aborted) throw new Error('lease lost; the next run continues where this one stopped');
    await queueEmail(db, {
      to: order.email,
      locale: isLocale(order.locale) ? order.locale : storeLocale,
      template: 'product-updated',
      data: {
        productTitle: version.productTitle,
        fileName: version.fileName,
        version: version.version,
        name: order.name,
        libraryUrl,
      },
      uniqueKey: `file-update:${versionId}:${order.id}`,
    });
  }
  services.nudgeWorker();
});
