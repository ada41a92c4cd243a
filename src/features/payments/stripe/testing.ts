import Stripe from 'stripe';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../../testing/app.js';
import { latestOrder, seedProduct } from '../../checkout/testing.js';
import { enableLicensing } from '../../licensing/testing.js';
import { StripeStandIn } from './stand-in/server.js';
import { type Obj, stripeEvent } from './stand-in/state.js';
import { saveStripeKeys } from './stripe-settings.js';

/** Test-only: an app connected (test mode) to a local Stripe stand-in, and helpers to buy and to send webhooks. */

export const TEST_KEYS = {
  secretKey: 'sk_test_standin0123456789',
  publishableKey: 'pk_test_standin0123456789',
  webhookSecret: 'whsec_standinsecret0123456789',
};

export type StripeTestApp = TestApp & { stripe: StripeStandIn };

export async function buildStripeTestApp(env: Record<string, string> = {}): Promise<StripeTestApp> {
  const stripe = await new StripeStandIn(TEST_KEYS.secretKey).start();
  const t = await buildTestApp({ env: { STRIPE_API_BASE: stripe.url, ...env } });
  await setUpStore(t.services);
  await saveStripeKeys(t.services.database.db, t.services.config, TEST_KEYS);
  return {
    ...t,
    stripe,
    close: async () => {
      await t.close();
      await stripe.stop();
    },
  };
}

export type WebhookOptions = { secret?: string; timestamp?: number; signature?: string };

/** Delivers `event` to the webhook endpoint, signed the way Stripe signs (by the SDK's own test helper). */
export function sendWebhook(t: TestApp, event: Obj, opts: WebhookOptions = {}) {
  const payload = JSON.stringify(event);
  const signature =
    opts.signature ??
    Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? TEST_KEYS.webhookSecret,
      ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
    });
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/payments/stripe/webhook',
    payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
}

/** A buyer starts a checkout: the order is pending and the stand-in holds an open session for it. */
export type BuyOptions = { priceMinor?: number; email?: string; licensed?: boolean };

export async function startCheckout(t: StripeTestApp, opts: BuyOptions = {}) {
  const product = await seedProduct(t.services, { priceMinor: opts.priceMinor ?? 1900 });
  if (opts.licensed) await enableLicensing(t.services, product.id, { limit: 3 });
  const c = new TestClient(t.app);
  const res = await c.postForm(
    '/checkout',
    { productId: product.id, digitalConsent: '1', email: opts.email ?? 'buyer@example.com' },
    { formPage: `/checkout?product=${product.id}` },
  );
  const order = await latestOrder(t.services);
  if (!order.provider_ref) throw new Error(`checkout did not reach Stripe (status ${res.statusCode})`);
  return { res, order, product, sessionId: order.provider_ref, client: c };
}

/** A paid order: checkout, payment at Stripe, the completed-event delivered and processed. */
export async function paidOrder(t: StripeTestApp, opts: BuyOptions = {}) {
  const started = await startCheckout(t, opts);
  const paid = t.stripe.state.pay(started.sessionId);
  await sendWebhook(t, stripeEvent('checkout.session.completed', paid.session));
  await t.drainJobs();
  return { ...started, intentId: paid.intent.id, chargeId: paid.charge.id };
}

export async function orderById(t: TestApp, id: string) {
  return t.services.database.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function orderEvents(t: TestApp, id: string): Promise<string[]> {
  const rows = await t.services.database.db
    .selectFrom('order_events')
    .select('kind')
    .where('order_id', '=', id)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.kind);
}

export async function deliveriesOf(t: TestApp, orderId: string) {
  return t.services.database.db.selectFrom('deliveries').selectAll().where('order_id', '=', orderId).execute();
}

/** Makes pending payment jobs due now (as if their backoff had passed), then runs what is due. */
export async function runJobsNow(
  t: TestApp,
  kinds = ['payment.process-event', 'payment.sync-order', 'payments.reconcile'],
): Promise<number> {
  await t.services.database.db
    .updateTable('jobs')
    .set({ run_at: new Date(Date.now() - 1000).toISOString() })
    .where('status', '=', 'pending')
    .where('kind', 'in', kinds)
    .execute();
  return t.drainJobs();
}

export async function licenseKeysOf(t: TestApp, orderId: string) {
  return t.services.database.db.selectFrom('license_keys').selectAll().where('order_id', '=', orderId).execute();
}

/** The download link in the order's latest email (the receipt), as a path for `inject`. */
export async function downloadPath(t: TestApp, email: string): Promise<string> {
  const mail = await t.services.database.db
    .selectFrom('emails')
    .select('text')
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const path = new RegExp(`${t.services.config.publicUrl}(/d/\\S+)`).exec(mail.text)?.[1];
  if (!path) throw new Error('no download link in the receipt');
  return path;
}
