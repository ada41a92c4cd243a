import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import type { FieldErrors } from '../../web/components.js';
import type { MessageKey } from '../../web/messages.js';
import { isWebhookEventType, type WebhookEventType } from './events.js';

/** Hosts that may be reached over plain http: a receiver on the creator's own machine while trying things out. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An address written as an IP that is neither public nor this machine
 * (private networks, link-local such as a cloud's metadata service, reserved):
 * refused, so an endpoint cannot be aimed at the server's own network by
 * number. (A name that resolves there is caught when sending: target-address.ts.)
 */
function isInternalIpLiteral(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return false;
  const range = ipaddr.process(bare).range();
  return range !== 'unicast' && range !== 'loopback';
}

/** An address that is not on the public internet (private, link-local, reserved, loopback, …). */
export function isInternalAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  return ipaddr.process(address).range() !== 'unicast';
}

/** Whether an endpoint URL may be used: https anywhere public, http only to the loopback host. */
export function isAllowedEndpointUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password || isInternalIpLiteral(url.hostname)) return false;
  if (url.protocol === 'https:') return url.hostname.length > 0;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** One checkbox arrives as a string, several as an array, none as nothing. */
const checked = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

const endpointForm = z.object({
  url: z.string().trim().default(''),
  description: z.string().trim().default(''),
  events: checked,
});

export type EndpointInput = { url: string; description: string; events: WebhookEventType[] };

export type EndpointFormValues = { url: string; description: string; events: string[] };

/** Reads the endpoint form; errors are message keys by field, for the page to show beside each. */
export function readEndpointForm(
  body: unknown,
): { ok: true; value: EndpointInput } | { ok: false; values: EndpointFormValues; errors: Record<string, MessageKey> } {
  const parsed = endpointForm.safeParse(body ?? {});
  const values = parsed.success ? parsed.data : { url: '', description: '', events: [] };
  const events = values.events.filter(isWebhookEventType);
  const errors: Record<string, MessageKey> = {};
  if (!isAllowedEndpointUrl(values.url) || values.url.length > 2000) errors.url = 'webhooks.error.url';
  if (events.length === 0) errors.events = 'webhooks.error.events';
  if (values.description.length > 200) errors.description = 'webhooks.error.description';
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, value: { url: values.url, description: values.description, events: [...new Set(events)] } };
}

/** The errors' texts, for the form's fields. */
export function fieldErrors(errors: Record<string, MessageKey>, t: (key: MessageKey) => string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)]));
}
