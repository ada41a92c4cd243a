import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { PRODUCT_FORM } from '../catalog/testing.js';
import { startCheckout } from '../checkout/start-checkout.js';
import { recordHeldSessions } from './session-hours.js';
import { seedEvent } from './testing.js';

/**
 * The withdrawal rule the creator chose is the one checkout asks for and the
 * receipt states; a held session's hours become the creator's recorded work.
 */
describe('events: the withdrawal rule and the hours of held sessions', () => {
  let t: TestApp;
  const db = () => t.services.database.db;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const buy = (productId: string, choice: string, email: string, serviceConsent = false) =>
    startCheckout(t.services, {
      productId,
      choice,
      email,
      name: '',
      digitalConsent: false,
      serviceConsent,
      locale: 'en',
    });

  test('a dated leisure event: no consent asked, and the receipt says there is no right of withdrawal', async () => {
    const event = await seedEvent(t.services, { settings: { withdrawalRule: 'leisure' } });
    const form = await new TestClient(t.app).get(`/checkout?product=${event.productId}&choice=${event.choice()}`);
    assert.doesNotMatch(form.body, /name="serviceConsent"/);
    assert.doesNotMatch(form.body, /name="digitalConsent"/);
    const r = await buy(event.productId, event.choice(), 'leisure@example.com');
    assert.equal(r.kind, 'redirect');
    if (r.kind !== 'redirect') return;
    await new TestClient(t.app).postForm(r.url, { outcome: 'pay' }, { formPage: r.url });
    await t.drainJobs();
    const receipt = await db()
      .selectFrom('emails')
      .selectAll()
      .where('to_address', '=', 'leisure@example.com')
      .where('template', '=', 'receipt')
      .executeTakeFirstOrThrow();
    assert.match(JSON.stringify(receipt), /no right of withdrawal/i);
  });

  test('a training: the buyer must ask for the early start (§ 356 (4) BGB), which is recorded with the order', async () => {
    const event = await seedEvent(t.services, { settings: { withdrawalRule: 'service' } });
    const form = await new TestClient(t.app).get(`/checkout?product=${event.productId}&choice=${event.choice()}`);
    assert.match(form.body, /name="serviceConsent"/);
    const refused = await buy(event.productId, event.choice(), 'training@example.com');
    assert.deepEqual(refused.kind === 'error' && refused.error, 'service-consent-missing');
    const ok = await buy(event.productId, event.choice(), 'training@example.com', true);
    assert.equal(ok.kind, 'redirect');
    if (ok.kind !== 'redirect') return;
    const consent = await db()
      .selectFrom('order_consents')
      .selectAll()
      .where('order_id', '=', ok.order.id)
      .executeTakeFirst();
    assert.ok(consent);
  });

  test('a held session counts as hours of work on its event, once; a cancelled or future one does not', async () => {
    const event = await seedEvent(t.services, {
      sessions: [
        { startsInHours: -5, hours: 3, capacity: 5 },
        { startsInHours: -30, hours: 2, capacity: 5 },
        { startsInHours: 24, hours: 2, capacity: 5 },
      ],
    });
    const [held, cancelled] = event.sessionIds;
    await db()
      .updateTable('event_sessions')
      .set({ status: 'cancelled' })
      .where('id', '=', cancelled ?? '')
      .execute();
    assert.equal(await recordHeldSessions(db()), 1);
    assert.equal(await recordHeldSessions(db()), 0);
    const entries = await db()
      .selectFrom('effort_entries')
      .selectAll()
      .where('product_id', '=', event.productId)
      .execute();
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.id, `event-session:${held}`);
    assert.equal(entries[0]?.minutes, 180);
    assert.equal(entries[0]?.category, 'delivery');
  });

  test("the product form shows an event's price as its ticket types' and never overwrites it", async () => {
    const event = await seedEvent(t.services, { priceMinor: 4900 });
    const admin = new TestClient(t.app);
    await admin.login();
    const page = await admin.get(`/admin/products/${event.productId}`);
    assert.match(page.body, /comes from its ticket types/);
    assert.doesNotMatch(page.body, /type="radio" name="pricing"/);
    const saved = await admin.postForm(
      `/admin/products/${event.productId}`,
      { ...PRODUCT_FORM, title: 'Renamed workshop', pricing: 'fixed', price: '1.00', currency: 'USD' },
      { formPage: `/admin/products/${event.productId}` },
    );
    assert.equal(saved.statusCode, 303);
    const product = await db()
      .selectFrom('products')
      .selectAll()
      .where('id', '=', event.productId)
      .executeTakeFirstOrThrow();
    assert.equal(product.title, 'Renamed workshop');
    assert.equal(product.price_minor, 4900);
    assert.equal(product.currency, 'EUR');
  });
});
