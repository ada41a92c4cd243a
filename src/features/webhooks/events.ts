import type { MessageKey } from '../../web/messages.js';

/** The events a creator can send to an endpoint; each is emitted in the transaction that makes it true. */
export const WEBHOOK_EVENT_TYPES = [
  'order.paid',
  'order.refunded',
  'member.joined',
  'member.cancelled',
  'license.activated',
  'course.completed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by the admin's "Send test event", to one endpoint, whatever it subscribed to. */
export const TEST_EVENT_TYPE = 'webhook.test';

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The label of an event type in the admin (a stored type unknown to this version shows as itself). */
export function eventLabelKey(type: string): MessageKey | undefined {
  if (type === TEST_EVENT_TYPE) return 'webhooks.event.webhook.test';
  return isWebhookEventType(type) ? (`webhooks.event.${type}` as MessageKey) : undefined;
}
