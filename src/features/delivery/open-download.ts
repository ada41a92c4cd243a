import { grantsAccess } from '../../order-core/status.js';
import type { Services } from '../../services.js';
import { findFileVersion } from '../catalog/queries.js';
import { attachmentDisposition } from './content-disposition.js';
import { countDownload } from './count-download.js';
import { type DownloadRequest, planResponse, strongEtag } from './http-ranges.js';
import { type DeliveryWithOrder, findDeliveryWithOrder } from './queries.js';
import { checkDownloadLink } from './signed-links.js';

export type OpenDownloadOptions = {
  services: Pick<Services, 'config' | 'database'> & { storage?: Pick<Services['storage'], 'servedEtag'> };
  deliveryId: string;
  fileId: string;
  /** The link's `e` and `s` as received. */
  expires: string | undefined;
  signature: string | undefined;
  request: DownloadRequest;
  now?: number;
};

export type DownloadOutcome =
  | { kind: 'bad-link' }
  | { kind: 'not-found' }
  | { kind: 'access-ended' }
  | { kind: 'expired' }
  | { kind: 'limit-reached'; orderNumber: string; limit: number }
  | { kind: 'not-modified'; headers: Record<string, string> }
  | { kind: 'unsatisfiable'; size: number }
  | {
      kind: 'file';
      status: 200 | 206;
      headers: Record<string, string>;
      storageKey: string;
      /** Inclusive byte range to stream; absent: the whole file. */
      range?: { start: number; end: number };
    };

/** The checks in their order: link, delivery, access, expiry, file, conditionals, allowance. */
export async function openDownload(opts: OpenDownloadOptions): Promise<DownloadOutcome> {
  const { services, deliveryId, fileId } = opts;
  const { db } = services.database;
  const link = parseLink(deliveryId, fileId, opts.expires);
  if (!link || !opts.signature) return { kind: 'bad-link' };
  const check = checkDownloadLink(services.config.sessionSecret, link, opts.signature, opts.now);
  if (check === 'bad-signature') return { kind: 'bad-link' };

  const delivery = await findDeliveryWithOrder(db, deliveryId);
  if (!delivery) return { kind: 'not-found' };
  if (!hasAccess(delivery)) return { kind: 'access-ended' };
  if (check === 'expired') return { kind: 'expired' };
  const file = await findFileVersion(db, fileId);
  if (!file || file.product_id !== delivery.productId) return { kind: 'not-found' };

  const size = file.size_bytes;
  const etag = strongEtag(file.sha256);
  const validators = { etag, 'last-modified': new Date(file.created_at).toUTCString() };
  const plan = planResponse(await sameFileIfRange(opts, file.storage_key, etag), { size, etag });
  if (plan.kind === 'not-modified') return { kind: 'not-modified', headers: { ...validators, ...PRIVATE } };
  if (plan.kind === 'unsatisfiable') return { kind: 'unsatisfiable', size };

  if (plan.kind === 'partial' && !plan.counts && !(await mayResume(db, delivery, file.id, opts.now))) {
    return { kind: 'limit-reached', orderNumber: delivery.orderNumber, limit: delivery.downloadLimit ?? 0 };
  }
  if (plan.counts) {
    const counted = await countDownload(db, {
      deliveryId,
      orderId: delivery.orderId,
      fileId,
      fileVersionId: file.id,
    });
    if (!counted) {
      const again = await findDeliveryWithOrder(db, deliveryId);
      if (!again || !hasAccess(again)) return { kind: 'access-ended' };
      return { kind: 'limit-reached', orderNumber: delivery.orderNumber, limit: again.downloadLimit ?? 0 };
    }
  }

  const headers: Record<string, string> = {
    ...validators,
    ...PRIVATE,
    'content-type': safeContentType(file.content_type),
    'content-disposition': attachmentDisposition(file.file_name),
    'accept-ranges': 'bytes',
  };
  if (plan.kind === 'full') {
    return {
      kind: 'file',
      status: 200,
      headers: { ...headers, 'content-length': String(size) },
      storageKey: file.storage_key,
    };
  }
  return {
    kind: 'file',
    status: 206,
    headers: {
      ...headers,
      'content-length': String(plan.end - plan.start + 1),
      'content-range': `bytes ${plan.start}-${plan.end}/${size}`,
    },
    storageKey: file.storage_key,
    range: { start: plan.start, end: plan.end },
  };
}

/**
 * A download served from S3 carries the bucket's ETag, and a browser resuming it sends
 * that one back in If-Range: it names the same bytes (keys never change), so it holds.
 */
async function sameFileIfRange(opts: OpenDownloadOptions, key: string, etag: string): Promise<DownloadRequest> {
  const ifRange = opts.request.ifRange?.trim();
  const served = opts.services.storage?.servedEtag;
  if (!ifRange || ifRange === etag || !served || !opts.request.range) return opts.request;
  return (await served.call(opts.services.storage, key)) === ifRange
    ? { ...opts.request, ifRange: etag }
    : opts.request;
}

/** A signed URL is personal: never stored by shared caches or the browser cache. */
const PRIVATE = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' };

function hasAccess(d: DeliveryWithOrder): boolean {
  return d.revokedAt === null && grantsAccess(d.orderStatus);
}

export function parseLink(deliveryId: string, fileId: string, expires: string | undefined) {
  if (!expires || !/^\d{1,12}$/.test(expires)) return undefined;
  return { deliveryId, fileId, expiresAt: Number(expires) };
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9_-]+=[a-z0-9_.-]+)*$/i;

/** The stored type if it is a well-formed media type, else a neutral one. */
function safeContentType(type: string): string {
  return MIME.test(type) ? type : 'application/octet-stream';
}

/** How long after a counted download its remaining bytes may still be fetched in ranges. */
const RESUME_WINDOW_MS = 24 * 3600 * 1000;

/**
 * A range that does not start at 0 continues a download and costs nothing —
 * but once the limit is used up, only within a day of a counted download of
 * this very file, so `bytes=1-` cannot stand in for endless new downloads.
 */
async function mayResume(
  db: Services['database']['db'],
  delivery: { id: string; downloadLimit: number | null; downloadCount: number },
  fileVersionId: string,
  now = Date.now(),
): Promise<boolean> {
  if (delivery.downloadLimit === null || delivery.downloadCount < delivery.downloadLimit) return true;
  const recent = await db
    .selectFrom('downloads')
    .select('id')
    .where('delivery_id', '=', delivery.id)
    .where('file_version_id', '=', fileVersionId)
    .where('created_at', '>', new Date(now - RESUME_WINDOW_MS).toISOString())
    .executeTakeFirst();
  return recent !== undefined;
}
