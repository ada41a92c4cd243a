import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { countRows, latestOrder, seedProduct } from '../checkout/testing.js';
import type { TaxCategory } from '../tax/categories.js';
import { setProductTax } from '../tax/product-tax.js';
import { SERVICE_CONSENT_KIND, SERVICE_CONSENT_VERSION } from './consent.js';
import { withdrawOrderPath } from './order-legal-panel.js';
import { withdrawalCaseOf } from './withdrawal-case.js';

describe('withdrawal rule by VAT category', () => {
  test('digital content, services and dated events; free needs nothing', () => {
    assert.equal(withdrawalCaseOf('electronic_service', 100), 'digital');
    assert.equal(withdrawalCaseOf('e_publication', 100), 'digital');
    assert.equal(withdrawalCaseOf('personal_service', 100), 'service');
    assert.equal(withdrawalCaseOf('live_online_event', 100), 'service');
    assert.equal(withdrawalCaseOf('physical_event', 100), 'event');
    assert.equal(withdrawalCaseOf('personal_service', 0), 'none');
    assert.equal(withdrawalCaseOf('physical_event', 0), 'none');
  });
});

describe('checkout: services ask to start early (§ 356 (4), § 357a (2) BGB), dated events have no withdrawal right', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  async function product(category: TaxCategory, title: string) {
    const p = await seedProduct(t.services, { priceMinor: 8000, title });
    await setProductTax(t.services.database.db, p.id, { category, placeCountry: null });
    return { ...p, form: `/checkout?product=${p.id}`, page: `/p/product-${p.id.slice(0, 8)}` };
  }

  test('a 1:1 service: its own unticked box (not the digital one) on checkout and product page, in both languages', async () => {
    const p = await product('personal_service', 'Coaching Session');
    for (const url of [p.form, p.page]) {
      const res = await new TestClient(t.app).get(url);
      assert.match(res.body, /type="checkbox" name="serviceConsent" value="1"/, url);
      assert.doesNotMatch(res.body, /name="serviceConsent"[^>]*checked/, url);
      assert.doesNotMatch(res.body, /name="digitalConsent"/, url);
      assert.match(res.body, /I expressly request that you begin the service before the withdrawal period ends/);
      assert.match(res.body, /pay an amount in proportion/);
      assert.match(res.body, /You are buying: Coaching Session</);
      assert.doesNotMatch(res.body, /digital download/);
    }
    const de = await new TestClient(t.app).get(p.form, { cookie: 'vf_lang=de' });
    assert.match(de.body, /Ich verlange ausdrücklich, dass Sie vor Ablauf der Widerrufsfrist/);
    assert.match(de.body, /vollständig erbracht/);
  });

  test('a service without the request: 400, a clear message, no order; the digital box does not count', async () => {
    const p = await product('personal_service', 'Strategy Call');
    const before = await countRows(t.services, 'orders');
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: p.id, email: 'nostart@example.com', digitalConsent: '1' },
      { formPage: p.form },
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Please tick the box on the start of the service/);
    assert.match(res.body, /aria-invalid="true"[^>]*>|name="serviceConsent"/);
    assert.equal(await countRows(t.services, 'orders'), before);
  });

  test('with the request: stored with its kind, version and words, repeated in the receipt', async () => {
    const p = await product('personal_service', 'Mentoring Hour');
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: p.id, email: 'start@example.com', serviceConsent: '1' },
      { formPage: p.form },
    );
    assert.equal(res.statusCode, 303);
    const order = await latestOrder(t.services);
    const consents = await t.services.database.db
      .selectFrom('order_consents')
      .selectAll()
      .where('order_id', '=', order.id)
      .execute();
    assert.equal(consents.length, 1);
    assert.equal(consents[0]?.kind, SERVICE_CONSENT_KIND);
    assert.equal(consents[0]?.text_version, SERVICE_CONSENT_VERSION);
    assert.match(consents[0]?.text ?? '', /I expressly request that you begin the service/);
    const payUrl = res.headers.location as string;
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    const mail = await t.services.database.db
      .selectFrom('emails')
      .selectAll()
      .where('template', '=', 'receipt')
      .where('to_address', '=', 'start@example.com')
      .executeTakeFirstOrThrow();
    assert.match(mail.text, /Your request of .*I expressly request that you begin the service/);
    assert.doesNotMatch(mail.text, /Your consent of/);
    // The thank-you page repeats it; the right of withdrawal stays open (it ends only on full performance).
    const thanks = await c.get(`/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.match(thanks.body, /you agreed: “I expressly request that you begin the service/);
    const withdraw = await c.get(withdrawOrderPath(order));
    assert.match(withdraw.body, /Confirm withdrawal/);
  });

  test('a dated event: the no-withdrawal note, no consent box, the order goes through without one', async () => {
    const p = await product('physical_event', 'Bread Workshop, 12 March');
    for (const url of [p.form, p.page]) {
      const res = await new TestClient(t.app).get(url);
      assert.match(res.body, /There is no right of withdrawal for this purchase/, url);
      assert.match(res.body, /§ 312g \(2\) no\. 9 BGB/);
      assert.doesNotMatch(res.body, /name="digitalConsent"|name="serviceConsent"/, url);
      const noteAt = res.body.indexOf('There is no right of withdrawal');
      assert.ok(noteAt < res.body.indexOf('Buy now — payment required'), 'the note comes before the order button');
    }
    const de = await new TestClient(t.app).get(p.form, { cookie: 'vf_lang=de' });
    assert.match(de.body, /Für diesen Kauf besteht kein Widerrufsrecht/);
    const c = new TestClient(t.app);
    const res = await c.postForm('/checkout', { productId: p.id, email: 'ticket@example.com' }, { formPage: p.form });
    assert.equal(res.statusCode, 303);
    const order = await latestOrder(t.services);
    const consents = await t.services.database.db
      .selectFrom('order_consents')
      .select('id')
      .where('order_id', '=', order.id)
      .execute();
    assert.equal(consents.length, 0);
    // The withdrawal button says why there is nothing to withdraw from.
    const payUrl = res.headers.location as string;
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    const withdraw = await c.get(withdrawOrderPath(order));
    assert.match(withdraw.body, /There is no right of withdrawal for this order/);
    const mail = await t.services.database.db
      .selectFrom('emails')
      .selectAll()
      .where('template', '=', 'receipt')
      .where('to_address', '=', 'ticket@example.com')
      .executeTakeFirstOrThrow();
    assert.match(mail.text, /There is no right of withdrawal for this purchase/);
    assert.doesNotMatch(withdraw.body, /Confirm withdrawal/);
  });
});
