import { randomUUID } from 'node:crypto';
import type { CancellationKind } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import { normaliseEmail } from './access.js';
import { cancellationReceivedJob } from './job-contracts.js';

export type CancellationInput = {
  email: string;
  /** Which contract, as the person named it (tier name, address or reference); empty: all of the address. */
  contract: string;
  kind: CancellationKind;
  reason: string;
  /** YYYY-MM-DD or empty (earliest possible). */
  requestedEnd: string;
  locale: Locale;
  ip: string | null;
};

/**
 * § 312k BGB: a cancellation declared on the public page, where anyone can
 * type any address. It is recorded with its time of receipt whatever the
 * address (`cancellation_requests`) together with the job that carries it
 * out at once (`apply-cancellation.ts`: end of period, the confirmation to
 * the member's stored address with a keep link). The page answers the same
 * for every address, and the request does the same work for every address.
 */
export async function receiveCancellation(
  services: Services,
  input: CancellationInput,
  now: Date = new Date(),
): Promise<{ receivedAt: string }> {
  const receivedAt = now.toISOString();
  const requestId = randomUUID();
  await services.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cancellation_requests')
      .values({
        id: requestId,
        email: normaliseEmail(input.email),
        member_id: null,
        subscription_ref: input.contract || null,
        kind: input.kind,
        reason: input.reason,
        requested_end: input.requestedEnd || null,
        locale: input.locale,
        ip: input.ip,
        received_at: receivedAt,
      })
      .execute();
    await enqueueJob(trx, cancellationReceivedJob, { requestId });
  });
  services.nudgeWorker();
  return { receivedAt };
}
