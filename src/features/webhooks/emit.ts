import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { WebhookEventType } from './events.js';
import { deliverWebhookJob } from './job-contracts.js';

/** A delivery's id, sent as `webhook-id` on every attempt so receivers can drop repeats. */
export function newMessageId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/** The body every delivery sends (Standard Webhooks' recommended envelope). */
export function webhookBody(type: string, data: unknown, at: Date): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data });
}

/**
 * Announces an event to every active endpoint subscribed to it: one delivery
 * row and one job each, in the caller's transaction, so nothing is sent
 * before commit and a rolled-back transaction sends nothing.
 */
export async function emitWebhookEvent(db: Db, type: WebhookEventType, data: unknown): Promise<number> {
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'event_types'])
    .where('status', '=', 'active')
    .execute();
  const subscribed = endpoints.filter((e) => (JSON.parse(e.event_types) as string[]).includes(type));
  if (subscribed.length === 0) return 0;
  const body = webhookBody(type, data, new Date());
  for (const endpoint of subscribed) await queueDelivery(db, endpoint.id, type, body);
  return subscribed.length;
}

/** Stores one delivery and enqueues its first attempt; returns the delivery's id (the `webhook-id`). */
export async function queueDelivery(db: Db, endpointId: string, type: string, body: string): Promise<string> {
  const id = newMessageId();
  const now = isoNow();
  await db
    .insertInto('webhook_deliveries')
    .values({ id, endpoint_id: endpointId, event_type: type, payload: body, next_attempt_at: now, created_at: now })
    .execute();
  await enqueueJob(db, deliverWebhookJob, { deliveryId: id, attempt: 0, manual: false }, { uniqueKey: id });
  return id;
}
