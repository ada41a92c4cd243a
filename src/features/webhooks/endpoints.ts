import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { recordAudit } from '../admin/audit.js';
import { queueDelivery, webhookBody } from './emit.js';
import type { EndpointInput } from './endpoint-input.js';
import { TEST_EVENT_TYPE } from './events.js';
import { deliverWebhookJob } from './job-contracts.js';
import { newWebhookSecret } from './sign.js';

/* The admin's use cases for endpoints and their deliveries; each records who did it. */

export async function createEndpoint(db: Kysely<DB>, input: EndpointInput, actor: string): Promise<string> {
  const id = randomUUID();
  const now = isoNow();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_endpoints')
      .values({
        id,
        url: input.url,
        description: input.description,
        secret: newWebhookSecret(),
        event_types: JSON.stringify(input.events),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, actor, 'webhook.endpoint-created', { id, url: input.url });
  });
  return id;
}

export async function updateEndpoint(db: Kysely<DB>, id: string, input: EndpointInput, actor: string) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('webhook_endpoints')
      .set({
        url: input.url,
        description: input.description,
        event_types: JSON.stringify(input.events),
        updated_at: isoNow(),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await recordAudit(trx, actor, 'webhook.endpoint-saved', { id });
    return true;
  });
}

/** A new secret signs from now on; attempts already queued are signed with it when they run. */
export async function rotateSecret(db: Kysely<DB>, id: string, actor: string) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('webhook_endpoints')
      .set({ secret: newWebhookSecret(), updated_at: isoNow() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await recordAudit(trx, actor, 'webhook.secret-rotated', { id });
    return true;
  });
}

/** A disabled endpoint receives new events again, its run of failures forgotten. */
export async function enableEndpoint(db: Kysely<DB>, id: string, actor: string) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('webhook_endpoints')
      .set({
        status: 'active',
        disabled_reason: null,
        consecutive_failures: 0,
        failing_since: null,
        updated_at: isoNow(),
      })
      .where('id', '=', id)
      .where('status', '=', 'disabled')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await recordAudit(trx, actor, 'webhook.endpoint-enabled', { id });
    return true;
  });
}

/** Deletes the endpoint and its log (queued attempts find no delivery and do nothing). */
export async function deleteEndpoint(db: Kysely<DB>, id: string, actor: string) {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
    const r = await trx.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return false;
    await recordAudit(trx, actor, 'webhook.endpoint-deleted', { id });
    return true;
  });
}

/** Sends `webhook.test` to this endpoint alone, whatever it subscribed to. */
export async function sendTestEvent(db: Kysely<DB>, id: string, actor: string) {
  return db.transaction().execute(async (trx) => {
    const endpoint = await trx
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!endpoint) return false;
    const now = new Date();
    const body = webhookBody(TEST_EVENT_TYPE, { message: 'This is a test event.', sent_at: now.toISOString() }, now);
    await queueDelivery(trx, id, TEST_EVENT_TYPE, body);
    await recordAudit(trx, actor, 'webhook.test-sent', { id });
    return true;
  });
}

/**
 * One more attempt of a delivery, now, with the same id and body. The form
 * carries the attempt count the admin saw; the job's unique key is made of
 * it, so a double click queues one attempt, and once that attempt ran the
 * count moved on and a late second click changes nothing.
 */
export async function resendDelivery(db: Kysely<DB>, deliveryId: string, seenAttempts: number, actor: string) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: isoNow() })
      .where('id', '=', deliveryId)
      .where('attempts', '=', seenAttempts)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('webhook_endpoints')
            .select('webhook_endpoints.id')
            .whereRef('webhook_endpoints.id', '=', 'webhook_deliveries.endpoint_id')
            .where('webhook_endpoints.status', '=', 'active'),
        ),
      )
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    const jobId = await enqueueJob(
      trx,
      deliverWebhookJob,
      { deliveryId, attempt: seenAttempts, manual: true },
      { uniqueKey: `${deliveryId}:resend:${seenAttempts}` },
    );
    if (!jobId) return false;
    await recordAudit(trx, actor, 'webhook.delivery-resent', { deliveryId });
    return true;
  });
}

export function listEndpoints(db: Db) {
  return db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').execute();
}

export function findEndpoint(db: Db, id: string) {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

export const LOG_PAGE_SIZE = 50;

/** One page of an endpoint's deliveries, newest first (payloads left out). */
export function listDeliveries(db: Db, endpointId: string, page: number) {
  return db
    .selectFrom('webhook_deliveries')
    .select([
      'id',
      'event_type',
      'status',
      'attempts',
      'last_status_code',
      'last_error',
      'last_attempt_at',
      'next_attempt_at',
      'created_at',
    ])
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(LOG_PAGE_SIZE + 1)
    .offset((page - 1) * LOG_PAGE_SIZE)
    .execute();
}

export function findDelivery(db: Db, endpointId: string, deliveryId: string) {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .where('endpoint_id', '=', endpointId)
    .executeTakeFirst();
}
