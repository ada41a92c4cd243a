import { recordOrderEvent } from '../../order-core/timeline.js';
import type { Services } from '../../services.js';
import { formatFileSize } from '../../web/format.js';
import { isLocale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { downloadLinksForDelivery } from './links.js';
import { parseLink } from './open-download.js';
import { findDeliveryWithOrder } from './queries.js';
import { checkDownloadLink } from './signed-links.js';

export type SendFreshLinksOptions = {
  services: Pick<Services, 'config' | 'database'>;
  deliveryId: string;
  fileId: string;
  /** The old link's `e` and `s`: only someone who had a genuine link may ask. */
  expires: string | undefined;
  signature: string | undefined;
};

/**
 * Emails fresh links for one delivery to the order's address. The caller
 * answers the same whatever happens here, so the page reveals neither the
 * address nor whether the purchase is still active. Returns whether an email
 * was queued (for tests and logs).
 */
export async function sendFreshLinks(opts: SendFreshLinksOptions): Promise<boolean> {
  const { services, deliveryId } = opts;
  const link = parseLink(deliveryId, opts.fileId, opts.expires);
  if (!link || !opts.signature) return false;
  if (checkDownloadLink(services.config.sessionSecret, link, opts.signature) === 'bad-signature') return false;
  const { db } = services.database;
  const delivery = await findDeliveryWithOrder(db, deliveryId);
  if (!delivery) return false;
  const [links] = await downloadLinksForDelivery(services, deliveryId);
  if (!links) return false; // revoked or no longer paid
  const locale = isLocale(delivery.locale) ? delivery.locale : 'en';
  await db.transaction().execute(async (trx) => {
    await queueEmail(trx, {
      to: delivery.email,
      locale,
      template: 'delivery-fresh-links',
      data: {
        title: links.productTitle,
        hours: services.config.downloadLinkHours,
        files: links.files.map((f) => ({ label: f.name, url: f.url, note: formatFileSize(f.sizeBytes, locale) })),
      },
    });
    await recordOrderEvent(trx, delivery.orderId, 'link_resent', { deliveryId });
  });
  return true;
}
