import type { Kysely, Transaction } from 'kysely';
import type { DB, WebhookDelivery, WebhookEndpoint } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import { isLocale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { deliverWebhookJob } from './job-contracts.js';
import { failingTooLong, MAX_ATTEMPTS, retryDelayMs } from './schedule.js';
import { type AttemptOutcome, postWebhook } from './send-attempt.js';
import { signWebhook } from './sign.js';

/**
 * One attempt of a delivery. The attempt is sent, then recorded with a
 * guarded UPDATE (`attempts` still what the job was planned for), so a job
 * whose attempt another job already made changes nothing; a crash between
 * sending and recording sends again with the same `webhook-id`, which
 * receivers use to drop repeats.
 */
export const deliverWebhookHandler = handleJob(deliverWebhookJob, async (payload, { db, services, signal }) => {
  const found = await loadDelivery(db, payload.deliveryId);
  if (found?.delivery.status !== 'pending' || Number(found.delivery.attempts) !== payload.attempt) return;
  const { delivery, endpoint } = found;
  if (endpoint.status !== 'active') {
    await giveUp(db, delivery, payload.attempt, 'endpoint disabled');
    return;
  }
  const now = new Date();
  const headers = signWebhook(endpoint.secret, delivery.id, now, delivery.payload);
  const outcome = await postWebhook(endpoint.url, headers, delivery.payload, signal);
  await db.transaction().execute((trx) => recordAttempt(trx, services, endpoint, payload, outcome, now));
});

async function loadDelivery(db: Kysely<DB>, deliveryId: string) {
  const delivery = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  if (!delivery) return undefined;
  const endpoint = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', delivery.endpoint_id)
    .executeTakeFirst();
  return endpoint ? { delivery, endpoint } : undefined;
}

/** A delivery to a disabled endpoint ends as failed without a request (the admin can re-send it). */
async function giveUp(db: Kysely<DB>, delivery: WebhookDelivery, attempt: number, error: string) {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', last_error: error, next_attempt_at: null })
    .where('id', '=', delivery.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempt)
    .execute();
}

type Planned = { deliveryId: string; attempt: number; manual: boolean };

async function recordAttempt(
  trx: Transaction<DB>,
  services: Services,
  endpoint: WebhookEndpoint,
  planned: Planned,
  outcome: AttemptOutcome,
  at: Date,
) {
  const made = planned.attempt + 1;
  const delay = outcome.ok ? undefined : retryDelayMs(made);
  const retry = delay !== undefined && made < MAX_ATTEMPTS;
  const nextAt = retry ? new Date(at.getTime() + delay) : undefined;
  const recorded = await trx
    .updateTable('webhook_deliveries')
    .set({
      attempts: made,
      status: outcome.ok ? 'succeeded' : retry ? 'pending' : 'failed',
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      last_attempt_at: isoNow(at),
      next_attempt_at: nextAt ? isoNow(nextAt) : null,
    })
    .where('id', '=', planned.deliveryId)
    .where('status', '=', 'pending')
    .where('attempts', '=', planned.attempt)
    .executeTakeFirst();
  if (Number(recorded.numUpdatedRows) === 0) return; // another attempt was recorded first
  if (outcome.ok) {
    await trx
      .updateTable('webhook_endpoints')
      .set({ consecutive_failures: 0, failing_since: null })
      .where('id', '=', endpoint.id)
      .execute();
    return;
  }
  if (nextAt) {
    await enqueueJob(
      trx,
      deliverWebhookJob,
      { deliveryId: planned.deliveryId, attempt: made, manual: false },
      { uniqueKey: `${planned.deliveryId}:${made}`, runAt: nextAt },
    );
  }
  const failing = await countFailure(trx, endpoint.id, at);
  const exhausted = !retry && !planned.manual;
  if (exhausted || failingTooLong(failing.consecutive_failures, failing.failing_since, at)) {
    await disableEndpoint(trx, services, endpoint, at);
  }
}

/** One more failure in the endpoint's current run (the run's start kept from its first failure). */
async function countFailure(trx: Transaction<DB>, endpointId: string, at: Date) {
  await trx
    .updateTable('webhook_endpoints')
    .set((eb) => ({
      consecutive_failures: eb('consecutive_failures', '+', 1),
      failing_since: eb.fn.coalesce('failing_since', eb.val(isoNow(at))),
    }))
    .where('id', '=', endpointId)
    .execute();
  const row = await trx
    .selectFrom('webhook_endpoints')
    .select(['consecutive_failures', 'failing_since'])
    .where('id', '=', endpointId)
    .executeTakeFirstOrThrow();
  return { consecutive_failures: Number(row.consecutive_failures), failing_since: row.failing_since };
}

/** Stops sending to an endpoint that keeps failing, and tells the store's admins once. */
async function disableEndpoint(trx: Transaction<DB>, services: Services, endpoint: WebhookEndpoint, at: Date) {
  const disabled = await trx
    .updateTable('webhook_endpoints')
    .set({ status: 'disabled', disabled_reason: 'failing', updated_at: isoNow(at) })
    .where('id', '=', endpoint.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(disabled.numUpdatedRows) === 0) return;
  const store = await getStoreSettings(trx);
  const admins = await trx.selectFrom('admin_users').select(['id', 'email', 'locale']).execute();
  for (const admin of admins) {
    await queueEmail(trx, {
      to: admin.email,
      locale: isLocale(admin.locale) ? admin.locale : store.locale,
      template: 'webhooks-endpoint-disabled',
      uniqueKey: `webhooks-disabled:${endpoint.id}:${isoNow(at)}:${admin.id}`,
      data: { url: endpoint.url, link: `${services.config.publicUrl}/admin/webhooks/${endpoint.id}` },
    });
  }
}
