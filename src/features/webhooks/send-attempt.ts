import type { WebhookHeaders } from './sign.js';
import { type Lookup, leadsInside } from './target-address.js';

/** What one POST to an endpoint came to: a status code, or an error without one. */
export type AttemptOutcome = { ok: boolean; statusCode: number | null; error: string | null };

export const ATTEMPT_TIMEOUT_MS = 10_000;

/** The recorded error of an attempt that was not made: the host resolves to an internal address. */
export const INTERNAL_TARGET = 'not sent: the host name resolves to an internal address';

/**
 * POSTs a delivery's body once: 10 s at most, redirects not followed (a 3xx
 * is a failure, as the receiver's answer is what counts), the answer's body
 * read away and dropped. A host whose name leads into the server's own
 * networks is not contacted at all.
 */
export async function postWebhook(
  url: string,
  headers: WebhookHeaders,
  body: string,
  signal?: AbortSignal,
  lookup?: Lookup,
): Promise<AttemptOutcome> {
  if (await leadsInside(url, lookup)) return { ok: false, statusCode: null, error: INTERNAL_TARGET };
  const timeout = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Vielfach-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    await res.body?.cancel().catch(() => {});
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    const timedOut = timeout.aborted;
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
    const message = timedOut ? 'timeout' : (cause ?? (err instanceof Error ? err.message : String(err)));
    return { ok: false, statusCode: null, error: message.slice(0, 500) };
  }
}
