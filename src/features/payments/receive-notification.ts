import { randomUUID } from 'node:crypto';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import { processPaymentEventJob } from './job-contracts.js';
import { paymentProvider } from './providers.js';

export type ReceiveResult = { kind: 'accepted' | 'duplicate' | 'ignored' } | { kind: 'unknown-provider' };

/**
 * Record-then-acknowledge: verify the signature on the raw body, store the
 * event once (UNIQUE provider+event id), enqueue its processing, answer 200.
 * A genuine event of a type we do not act on is acknowledged and not stored.
 * Throws InvalidSignatureError (and zod errors) for forged or malformed input.
 */
export async function receivePaymentNotification(
  services: Services,
  providerId: string,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Promise<ReceiveResult> {
  const provider = await paymentProvider(services, providerId);
  if (!provider) return { kind: 'unknown-provider' };
  const n = provider.parseNotification(rawBody, headers);
  if (!n) return { kind: 'ignored' };
  const inserted = await services.database.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('payment_events')
      .values({
        id: randomUUID(),
        provider: providerId,
        event_id: n.eventId,
        type: n.type,
        payload: rawBody.toString('utf8'),
        received_at: isoNow(),
        processed_at: null,
      })
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await enqueueJob(
      trx,
      processPaymentEventJob,
      { provider: providerId, eventId: n.eventId, providerRef: n.providerRef },
      { uniqueKey: `payment-event:${providerId}:${n.eventId}` },
    );
    return true;
  });
  if (inserted) services.nudgeWorker();
  return { kind: inserted ? 'accepted' : 'duplicate' };
}
