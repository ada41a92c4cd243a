import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordOrderEvent } from '../../order-core/timeline.js';

export type CountDownloadOptions = {
  deliveryId: string;
  orderId: string;
  fileId: string;
  fileVersionId: string;
};

/**
 * Takes one download from the delivery's allowance. The guarded UPDATE is the
 * limit: concurrent requests at the limit cannot all pass, on either database.
 * Returns false when the limit is reached (or access was revoked meanwhile).
 */
export async function countDownload(db: Kysely<DB>, opts: CountDownloadOptions): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('deliveries')
      .set({ download_count: sql`download_count + 1` })
      .where('id', '=', opts.deliveryId)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('download_limit', 'is', null), eb('download_count', '<', eb.ref('download_limit'))]))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('downloads')
      .values({
        id: randomUUID(),
        delivery_id: opts.deliveryId,
        file_version_id: opts.fileVersionId,
        created_at: isoNow(),
      })
      .execute();
    await recordOrderEvent(trx, opts.orderId, 'download', {
      deliveryId: opts.deliveryId,
      fileId: opts.fileId,
      fileVersionId: opts.fileVersionId,
    });
    return true;
  });
}
