import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../testing/app.js';
import { stripeEvent } from './stand-in/state.js';
import {
  buildStripeTestApp,
  deliveriesOf,
  downloadPath,
  licenseKeysOf,
  orderById,
  orderEvents,
  paidOrder,
  type StripeTestApp,
  sendWebhook,
} from './testing.js';

describe('Stripe: refunds from the admin and from the dashboard', () => {
  let t: StripeTestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildStripeTestApp();
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  /** The refund page's forms: [full, partial], each with its own request id. */
  async function refundForms(orderId: string) {
    const page = await admin.get(`/admin/orders/${orderId}/refund`);
    assert.equal(page.statusCode, 200);
    const ids = [...page.body.matchAll(/name="requestId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.equal(ids.length, 2);
    return { full: ids[0]!, partial: ids[1]!, csrf: csrf!, body: page.body };
  }

  const refundCalls = () => t.stripe.requestsTo('POST', '/v1/refunds');

  test('a full refund from the admin: one Stripe refund keyed by the request, access and licence keys end', async () => {
    const { order, intentId } = await paidOrder(t, { licensed: true, email: 'full@example.com' });
    assert.equal((await licenseKeysOf(t, order.id)).length, 1);
    const forms = await refundForms(order.id);
    assert.match(forms.body, /The full amount of €19\.00 is paid back to full@example\.com/);
    const before = refundCalls().length;
    const res = await admin.postForm(
      `/admin/orders/${order.id}/refund`,
      { confirm: 'yes', requestId: forms.full },
      { csrf: forms.csrf },
    );
    assert.equal(res.headers.location, `/admin/orders/${order.id}?notice=refunded`);
    const calls = refundCalls().slice(before);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.idempotencyKey, `refund:${order.id}:${forms.full}`);
    assert.deepEqual(calls[0]?.body, { payment_intent: intentId, amount: '1900', metadata: { order_id: order.id } });
    const refunded = await orderById(t, order.id);
    assert.deepEqual([refunded.status, refunded.refunded_minor], ['refunded', 1900]);
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at));
    assert.deepEqual(
      (await licenseKeysOf(t, order.id)).map((k) => k.disabled_reason),
      ['refund'],
    );
    // Stripe's own notification of that refund changes nothing more.
    const charge = [...t.stripe.state.charges.values()].find((c) => c.payment_intent === intentId)!;
    await sendWebhook(t, stripeEvent('charge.refunded', charge));
    await t.drainJobs();
    assert.deepEqual(
      (await orderEvents(t, order.id)).filter((k) => k.includes('refund')),
      ['refunded'],
    );
    const page = await admin.get(`/admin/orders/${order.id}`);
    assert.match(page.body, /<span class="what">Refunded<\/span>[\s\S]*?By: owner@example\.com/);
  });

  test('a partial refund keeps access; the same form sent twice refunds once; the rest ends access', async () => {
    const { order, intentId } = await paidOrder(t, { email: 'partial@example.com' });
    const link = await downloadPath(t, 'partial@example.com');
    const forms = await refundForms(order.id);
    const url = `/admin/orders/${order.id}/refund`;
    const partial = { amount: '5,00', confirm: 'yes', requestId: forms.partial };
    const before = refundCalls().length;
    const first = await admin.postForm(url, partial, { csrf: forms.csrf });
    assert.equal(first.headers.location, `/admin/orders/${order.id}?notice=partially-refunded`);
    const again = await admin.postForm(url, partial, { csrf: forms.csrf });
    assert.equal(again.headers.location, `/admin/orders/${order.id}?notice=partially-refunded`);
    const calls = refundCalls().slice(before);
    assert.equal(calls.length, 2);
    assert.equal(calls[0]?.idempotencyKey, calls[1]?.idempotencyKey, 'same request, same key');
    assert.equal(calls[0]?.body.amount, '500');
    const atStripe = [...t.stripe.state.refunds.values()].filter((r) => r.payment_intent === intentId);
    assert.equal(atStripe.length, 1, 'Stripe made one refund');
    const afterPartial = await orderById(t, order.id);
    assert.deepEqual([afterPartial.status, afterPartial.refunded_minor], ['paid', 500], 'counted once');
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at === null));
    assert.equal((await t.app.inject(link)).statusCode, 200, 'the buyer can still download');
    const page = await admin.get(`/admin/orders/${order.id}?notice=partially-refunded`);
    assert.match(page.body, /The partial refund went through; the buyer keeps access/);
    assert.match(page.body, /<span class="what">Partly refunded<\/span>[\s\S]*?Amount: €5\.00/);
    assert.match(page.body, /Refunded<\/th><td class="num">€5\.00</);

    const next = await refundForms(order.id);
    assert.match(next.body, /€5\.00 has been refunded already\. The remaining €14\.00 is paid back/);
    for (const [amount, message] of [
      ['14', /must be less than what is left/],
      ['abc', /Enter an amount like 5 or 4\.50/],
      ['0', /Enter an amount like 5 or 4\.50/],
    ] as const) {
      const bad = await admin.postForm(url, { amount, confirm: 'yes', requestId: next.partial }, { csrf: next.csrf });
      assert.equal(bad.statusCode, 400, amount);
      assert.match(bad.body, message, amount);
    }
    const unconfirmed = await admin.postForm(url, { amount: '2', requestId: next.partial }, { csrf: next.csrf });
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Please confirm the partial refund\./);
    assert.equal(refundCalls().length, before + 2, 'no Stripe call for a form with errors');

    const rest = await admin.postForm(url, { confirm: 'yes', requestId: next.full }, { csrf: next.csrf });
    assert.equal(rest.headers.location, `/admin/orders/${order.id}?notice=refunded`);
    assert.equal(refundCalls().at(-1)?.body.amount, '1400');
    const done = await orderById(t, order.id);
    assert.deepEqual([done.status, done.refunded_minor], ['refunded', 1900]);
    const revoked = await t.app.inject(link);
    assert.ok(revoked.statusCode === 403 || revoked.statusCode === 410, `status ${revoked.statusCode}`);
  });

  test('a refund Stripe refuses or cannot take shows an error and changes nothing', async () => {
    const { order } = await paidOrder(t);
    const forms = await refundForms(order.id);
    t.stripe.failNext = 1;
    const res = await admin.postForm(
      `/admin/orders/${order.id}/refund`,
      { confirm: 'yes', requestId: forms.full },
      { csrf: forms.csrf },
    );
    assert.equal(res.headers.location, `/admin/orders/${order.id}?error=refund-failed`);
    const unchanged = await orderById(t, order.id);
    assert.deepEqual([unchanged.status, unchanged.refunded_minor], ['paid', 0]);
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at === null));
  });

  test('refunds made in the Stripe dashboard arrive by webhook: partial keeps access, the rest ends it', async () => {
    const { order, intentId, chargeId } = await paidOrder(t, { licensed: true });
    t.stripe.state.refund(intentId, 700);
    await sendWebhook(t, stripeEvent('charge.refunded', t.stripe.state.charges.get(chargeId)!));
    await t.drainJobs();
    const partial = await orderById(t, order.id);
    assert.deepEqual([partial.status, partial.refunded_minor], ['paid', 700]);
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at === null));
    assert.equal((await licenseKeysOf(t, order.id))[0]?.disabled_at, null);

    t.stripe.state.refund(intentId, undefined);
    const full = stripeEvent('charge.refunded', t.stripe.state.charges.get(chargeId)!);
    await sendWebhook(t, full);
    await sendWebhook(t, full);
    await t.drainJobs();
    const refunded = await orderById(t, order.id);
    assert.deepEqual([refunded.status, refunded.refunded_minor], ['refunded', 1900]);
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at));
    assert.equal((await licenseKeysOf(t, order.id))[0]?.disabled_reason, 'refund');
    assert.deepEqual(
      (await orderEvents(t, order.id)).filter((k) => k.includes('refund') || k === 'access_revoked'),
      ['partially_refunded', 'refunded', 'access_revoked'],
    );
  });
});
