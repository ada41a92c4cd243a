import type { Generated, Selectable } from 'kysely';

/**
 * Outgoing webhooks: the creator's endpoints and every delivery of an event
 * to one of them (Standard Webhooks: the delivery's id is the `webhook-id`).
 */

export type WebhookEndpointStatus = 'active' | 'disabled';

export interface WebhookEndpointsTable {
  id: string;
  /** https, or http to 127.0.0.1 / localhost (for trying a receiver on one's own machine). */
  url: string;
  description: Generated<string>;
  /** `whsec_` + base64 of 32 random bytes; shown in the admin, rotated there. */
  secret: string;
  /** JSON array of the event types the endpoint receives. */
  event_types: string;
  status: Generated<WebhookEndpointStatus>;
  /** Why it was disabled ('failing'), null while active. */
  disabled_reason: string | null;
  /** Failed attempts since the last success; reset by a 2xx. */
  consecutive_failures: Generated<number>;
  /** When the current run of failures began (null while the endpoint answers). */
  failing_since: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveriesTable {
  /** `msg_…`: the `webhook-id` header, the same on every attempt. */
  id: string;
  endpoint_id: string;
  event_type: string;
  /** The JSON body, stored once: every attempt sends these very bytes. */
  payload: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  created_at: string;
}

export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
