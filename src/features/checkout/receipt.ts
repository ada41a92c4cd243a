import { formatMoney } from '../../domain/money.js';
import type { ReceiptLink } from '../../order-core/entitlements.js';
import { recordOrderEvent } from '../../order-core/timeline.js';
import type { Services } from '../../services.js';
import { formatFileSize } from '../../web/format.js';
import { formatDateTime, isLocale } from '../../web/i18n.js';
import { downloadLinksForOrder } from '../delivery/links.js';
import { queueEmail } from '../email/queue-email.js';
import { findDigitalConsent, findOrderConsent, SERVICE_CONSENT_KIND } from '../legal/consent.js';
import { withdrawalCaseFor } from '../legal/withdrawal-case.js';
import { licenseKeysForOrder } from '../licensing/queries.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { findOrder, findOrderItems } from './queries.js';

/**
 * Queues the receipt with fresh download links. The first receipt of an order
 * is queued under a unique key, so fulfilment retried after a crash sends it
 * once; `resend` (the admin's button) always sends another.
 */
export async function queueReceiptEmail(
  services: Services,
  orderId: string,
  opts: { resend?: boolean } = {},
): Promise<string | undefined> {
  const { db } = services.database;
  const order = await findOrder(db, orderId);
  if (order?.status !== 'paid') return undefined;
  const items = await findOrderItems(db, orderId);
  const locale = isLocale(order.locale) ? order.locale : 'en';
  const deliveries = await downloadLinksForOrder(services, orderId);
  const links: ReceiptLink[] = deliveries.flatMap((d) =>
    d.files.map((f) => ({
      label: deliveries.length > 1 ? `${d.productTitle}: ${f.name}` : f.name,
      url: f.url,
      note: formatFileSize(f.sizeBytes, locale),
    })),
  );
  for (const e of services.orders.parts.entitlements) {
    links.push(...((await e.receiptLinks?.(db, { order, publicUrl: services.config.publicUrl, locale })) ?? []));
  }
  const licenseKeys = (await licenseKeysForOrder(db, orderId)).map((k) => ({ product: k.productTitle, key: k.key }));
  const consent = await findDigitalConsent(db, orderId);
  const serviceConsent = await findOrderConsent(db, orderId, SERVICE_CONSENT_KIND);
  // Art. 246a § 1 (3) EGBGB: the confirmation also says when there is no right of withdrawal (dated events).
  const products = await db
    .selectFrom('products')
    .select(['id', 'kind'])
    .where('id', 'in', items.length > 0 ? items.map((i) => i.product_id) : [''])
    .execute();
  const cases = await Promise.all(products.map((p) => withdrawalCaseFor(db, p, 1)));
  const noWithdrawal =
    order.total_minor > 0 && items.length > 0 && cases.length > 0 && cases.every((c) => c === 'event');
  const { timeZone } = await getStoreSettings(db);
  const emailId = await db.transaction().execute(async (trx) => {
    const id = await queueEmail(trx, {
      to: order.email,
      locale,
      template: 'receipt',
      data: {
        number: order.number,
        title: items.map((i) => i.title).join(', '),
        total: formatMoney(order.total_minor, order.currency, locale),
        hours: services.config.downloadLinkHours,
        libraryUrl: `${services.config.publicUrl}/library`,
        links,
        files: deliveries.some((d) => d.files.length > 0),
        licenseKeys,
        // The durable medium of § 312f (3) BGB repeats the consent to immediate delivery.
        ...(consent
          ? {
              consent: { date: formatDateTime(consent.given_at, locale, timeZone, { zone: true }), text: consent.text },
            }
          : {}),
        // … and a service's request to start early (§ 356 (4), § 357a (2) BGB).
        ...(serviceConsent
          ? {
              serviceConsent: {
                date: formatDateTime(serviceConsent.given_at, locale, timeZone, { zone: true }),
                text: serviceConsent.text,
              },
            }
          : {}),
        ...(noWithdrawal ? { noWithdrawal: true } : {}),
      },
      uniqueKey: opts.resend ? undefined : `receipt:${orderId}`,
    });
    if (id)
      await recordOrderEvent(trx, orderId, opts.resend ? 'receipt_resent' : 'email_queued', {
        emailId: id,
        template: 'receipt',
      });
    return id;
  });
  if (emailId) services.nudgeWorker();
  return emailId;
}
