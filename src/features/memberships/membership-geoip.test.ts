import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import type { LocationEvidence } from '../checkout/order-tax.js';
import { saveTaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import { seedTier } from './testing.js';

// An address the shipped GeoIP file places in Austria (A1 Telekom Austria); behind a trusted proxy.
const AUSTRIAN_IP = '77.116.0.1';

describe('membership subscribe: an IP country that contradicts the chosen country', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ env: { TRUST_PROXY: '1' } });
    await setUpStore(t.services);
    await saveTaxSettings(t.services.database.db, testTaxSettings({ ossOptIn: true }));
    await seedTier(t.services, { name: 'Supporter', monthly: 600, yearly: 6000 });
  });
  after(() => t.close());

  const formPage = '/membership/subscribe?tier=supporter&interval=month';
  const subscriptions = () => t.services.database.db.selectFrom('subscriptions').selectAll().execute();

  test('asks to confirm the country, keeps the inputs, and subscribes once confirmed', async () => {
    const c = new TestClient(t.app);
    const fields = {
      tier: 'supporter',
      interval: 'month',
      email: 'mia@example.de',
      name: 'Mia',
      consent: '1',
      billingCountry: 'DE',
    };
    const headers = { 'x-forwarded-for': AUSTRIAN_IP };
    const asked = await c.postForm('/membership/subscribe', fields, { formPage, headers });
    assert.equal(asked.statusCode, 400);
    assert.match(asked.body, /Your connection appears to be from Austria, but you chose Germany as billing country/);
    assert.match(asked.body, /name="confirmedCountry" value="DE"/);
    assert.match(asked.body, /name="email"[^>]*value="mia@example\.de"/);
    assert.match(asked.body, /name="consent" value="1" checked/);
    assert.deepEqual(await subscriptions(), [], 'no subscription before the confirmation');

    const elsewhere = await c.postForm(
      '/membership/subscribe',
      { ...fields, billingCountry: 'FR', confirmedCountry: 'DE' },
      { formPage, headers },
    );
    assert.equal(elsewhere.statusCode, 400, 'a confirmation of Germany does not cover France');
    assert.match(elsewhere.body, /name="confirmedCountry" value="FR"/);
    assert.deepEqual(await subscriptions(), []);

    const ok = await c.postForm('/membership/subscribe', { ...fields, confirmedCountry: 'DE' }, { formPage, headers });
    assert.equal(ok.statusCode, 303);
    const [sub] = await subscriptions();
    assert.equal(sub?.billing_country, 'DE');
    const e = JSON.parse(sub?.tax_evidence ?? '{}') as LocationEvidence;
    assert.deepEqual([e.ip, e.ipCountry, e.conflicts, e.confirmedByBuyer], [AUSTRIAN_IP, 'AT', ['ip'], true]);
    const order = await t.services.database.db
      .selectFrom('orders')
      .select(['tax_country', 'tax_evidence'])
      .executeTakeFirstOrThrow();
    assert.equal(order.tax_country, 'DE');
    assert.equal((JSON.parse(order.tax_evidence ?? '{}') as LocationEvidence).confirmedByBuyer, true);
  });
});
