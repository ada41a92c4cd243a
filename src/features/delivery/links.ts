import type { Db } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { listProductFiles } from '../catalog/queries.js';
import { listActiveDeliveries } from './queries.js';
import { downloadPath, expiryIn } from './signed-links.js';

/** One file of a purchase with a fresh signed link. */
export type DownloadLinkFile = {
  fileId: string;
  /** The name the seller gave the file ("Workbook"). */
  name: string;
  /** The download's file name ("Übungsheft – Größe.pdf"). */
  fileName: string;
  sizeBytes: number;
  /** Absolute URL (PUBLIC_URL + signed path), valid for DOWNLOAD_LINK_HOURS. */
  url: string;
};

/** One purchased product of an order and its files. */
export type DeliveryLinks = {
  deliveryId: string;
  productId: string;
  /** The product title as bought (the order item's snapshot). */
  productTitle: string;
  /** null: unlimited. */
  downloadLimit: number | null;
  /** How many more downloads the limit allows; null: unlimited. */
  downloadsLeft: number | null;
  files: DownloadLinkFile[];
};

/** What `downloadLinksForOrder` returns: one entry per purchased product that still grants access. */
export type OrderDownloads = DeliveryLinks[];

export type DownloadLinkOptions = {
  /**
   * Read through this handle, e.g. the transaction that has just created the
   * deliveries and queues the receipt email (outside it they are not visible
   * yet, and on SQLite a second handle would wait for that transaction).
   */
  db?: Db;
  /** Link expiry is counted from here (ms since epoch); for tests. */
  now?: number;
};

/**
 * Download links for an order — used by the receipt email, the thank-you page
 * and the customer library; name and shape are stable.
 *
 * `downloadLinksForOrder(services, orderId, { db? })` returns, for each
 * delivery that still grants access (not revoked, order paid), the product
 * title (`productTitle`) and its files (current versions, not deleted) with
 * `{ fileId, name, fileName, sizeBytes, url }`. An unpaid or refunded order
 * gives `[]`. Each call signs new links valid for `config.downloadLinkHours`.
 */
export async function downloadLinksForOrder(
  services: Pick<Services, 'config' | 'database'>,
  orderId: string,
  opts: DownloadLinkOptions = {},
): Promise<OrderDownloads> {
  const db = opts.db ?? services.database.db;
  return linksFor(services, await listActiveDeliveries(db, { orderId }), opts);
}

/** The same for one delivery (the "email me a fresh link" answer); [] once access has ended. */
export async function downloadLinksForDelivery(
  services: Pick<Services, 'config' | 'database'>,
  deliveryId: string,
  opts: DownloadLinkOptions = {},
): Promise<DeliveryLinks[]> {
  const db = opts.db ?? services.database.db;
  return linksFor(services, await listActiveDeliveries(db, { deliveryId }), opts);
}

async function linksFor(
  services: Pick<Services, 'config' | 'database'>,
  deliveries: Awaited<ReturnType<typeof listActiveDeliveries>>,
  opts: DownloadLinkOptions,
): Promise<DeliveryLinks[]> {
  const db = opts.db ?? services.database.db;
  const productIds = [...new Set(deliveries.map((d) => d.productId))];
  const filesOf = new Map(
    await Promise.all(productIds.map(async (id) => [id, await listProductFiles(db, id)] as const)),
  );
  const { publicUrl, sessionSecret, downloadLinkHours } = services.config;
  const expiresAt = expiryIn(downloadLinkHours, opts.now);
  return deliveries.map((d) => ({
    deliveryId: d.id,
    productId: d.productId,
    productTitle: d.title,
    downloadLimit: d.downloadLimit,
    downloadsLeft: d.downloadLimit === null ? null : Math.max(0, d.downloadLimit - d.downloadCount),
    files: (filesOf.get(d.productId) ?? []).map((f) => ({
      fileId: f.id,
      name: f.name,
      fileName: f.file_name,
      sizeBytes: f.size_bytes,
      url: `${publicUrl}${downloadPath(sessionSecret, { deliveryId: d.id, fileId: f.id, expiresAt })}`,
    })),
  }));
}
