import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../../testing/app.js';
import { seedProduct } from '../../checkout/testing.js';
import { StripeStandIn } from './stand-in/server.js';
import { stripeEvent } from './stand-in/state.js';
import { clearStripeSettingsCache } from './stripe-settings.js';
import { sendWebhook, TEST_KEYS } from './testing.js';

describe('payments admin: Stripe keys, mode badge, connection check', () => {
  let t: TestApp;
  let stripe: StripeStandIn;
  let admin: TestClient;
  const db = () => t.services.database.db;

  before(async () => {
    stripe = await new StripeStandIn(TEST_KEYS.secretKey).start();
    t = await buildTestApp({ env: { STRIPE_API_BASE: stripe.url } });
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(async () => {
    await t.close();
    await stripe.stop();
  });

  const save = (fields: Partial<typeof TEST_KEYS>) =>
    admin.postForm(
      '/admin/payments/stripe',
      { secretKey: '', publishableKey: '', webhookSecret: '', ...fields },
      { formPage: '/admin/payments' },
    );
  const badge = (body: string) => /<a class="mode-badge mode-(\w+)"[^>]*>([^<]+)</.exec(body)?.slice(1, 3);
  const checkoutTarget = async () => {
    const product = await seedProduct(t.services);
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'mode@example.com' },
      { formPage: `/checkout?product=${product.id}` },
    );
    return { res, page: await c.get(`/checkout?product=${product.id}`) };
  };

  test('without keys: the test provider, a TEST MODE badge on every admin page, a Payments link', async () => {
    for (const path of ['/admin', '/admin/orders', '/admin/jobs', '/admin/payments']) {
      const page = await admin.get(path);
      assert.equal(page.statusCode, 200, path);
      assert.deepEqual(badge(page.body), ['test', 'Test mode'], path);
    }
    const page = await admin.get('/admin/payments');
    assert.match(page.body, /<a href="\/admin\/payments" aria-current="page">Payments<\/a>/);
    assert.match(page.body, /Test mode with the built-in test provider/);
    assert.match(page.body, /http:\/\/127\.0\.0\.1:3000\/api\/v1\/payments\/stripe\/webhook/);
    assert.match(page.body, /<code>checkout\.session\.async_payment_failed<\/code>/);
    assert.match(page.body, /<code>charge\.dispute\.closed<\/code>/);
    assert.doesNotMatch(page.body, /Check connection/);
    const { res } = await checkoutTarget();
    assert.match(String(res.headers.location), /^\/pay\/test\//);
  });

  test('keys are checked: format, both of one mode, all three needed', async () => {
    const bad = await save({ secretKey: 'sk_nope', publishableKey: 'pk_live_abcdefghij', webhookSecret: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /This does not look like a Stripe key of this kind\./);
    assert.match(bad.body, /This key is required\./);
    assert.match(bad.body, /value="pk_live_abcdefghij"/, 'the publishable key is kept in the form');
    const mixed = await save({ ...TEST_KEYS, publishableKey: 'pk_live_abcdefghij' });
    assert.match(mixed.body, /must both be test keys or both live keys/);
    const rows = await db().selectFrom('settings').select('key').where('key', 'like', 'stripe.%').execute();
    assert.equal(rows.length, 0, 'nothing saved');
  });

  test('saved keys are encrypted at rest, shown masked, and new checkouts go to Stripe (test mode)', async () => {
    const res = await save(TEST_KEYS);
    assert.equal(res.headers.location, '/admin/payments?notice=saved');
    const rows = await db().selectFrom('settings').selectAll().where('key', 'like', 'stripe.%').execute();
    const raw = JSON.stringify(rows);
    assert.doesNotMatch(raw, new RegExp(TEST_KEYS.secretKey));
    assert.doesNotMatch(raw, new RegExp(TEST_KEYS.webhookSecret));
    assert.match(rows.find((r) => r.key === 'stripe.secret_key')?.value ?? '', /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const keyFile = statSync(join(t.services.config.dataDir, 'secrets.key'));
    assert.equal(keyFile.mode & 0o777, 0o600);

    const page = await admin.get('/admin/payments?notice=saved');
    assert.match(page.body, /Stripe keys saved\. New checkouts go through Stripe\./);
    assert.match(page.body, /Stored: sk_test_…6789\. Leave empty to keep it\./);
    assert.match(page.body, /Stored: whsec_…6789\./);
    assert.doesNotMatch(page.body, new RegExp(TEST_KEYS.secretKey));
    assert.match(page.body, /Stripe in test mode/);
    assert.deepEqual(badge(page.body), ['test', 'Test mode']);
    const audit = await db()
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'payments.stripe.saved')
      .execute();
    assert.doesNotMatch(JSON.stringify(audit), new RegExp(TEST_KEYS.secretKey));

    const { res: checkout, page: form } = await checkoutTarget();
    assert.match(String(checkout.headers.location), /^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    assert.match(form.body, /TEST MODE — no real money is moved/);

    // Only the publishable key changes; the secrets stay.
    assert.equal((await save({ publishableKey: 'pk_test_another0123456' })).statusCode, 303);
    assert.match((await admin.get('/admin/payments')).body, /value="pk_test_another0123456"/);
    assert.match((await admin.get('/admin/payments')).body, /Stored: sk_test_…6789/);
  });

  test('check connection reads the account and its balance with the stored key', async () => {
    const res = await admin.postForm('/admin/payments/stripe/check', {}, { formPage: '/admin/payments' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Connected to Stripe \(test mode\)\./);
    assert.match(res.body, /<code>acct_standin<\/code> Stand-in Studio \(DE\)/);
    assert.match(res.body, /€123\.45/);
    assert.equal(stripe.requestsTo('GET', '/v1/account').length, 1);
    assert.equal(stripe.requestsTo('GET', '/v1/balance').length, 1);
    stripe.failNext = 2;
    const down = await admin.postForm('/admin/payments/stripe/check', {}, { formPage: '/admin/payments' });
    assert.match(down.body, /Stripe answered with an error/);
  });

  test('live keys show LIVE everywhere and no test banner to buyers', async () => {
    const live = { secretKey: 'sk_live_realmoney012345', publishableKey: 'pk_live_realmoney012345' };
    assert.equal((await save(live)).statusCode, 303);
    for (const path of ['/admin', '/admin/orders'])
      assert.deepEqual(badge((await admin.get(path)).body), ['live', 'Live']);
    const { page } = await checkoutTarget();
    assert.doesNotMatch(page.body, /TEST MODE/);
    assert.equal((await save(TEST_KEYS)).statusCode, 303);
  });

  test('keys that cannot be opened stop checkouts and webhooks instead of falling back to test payments', async () => {
    await db()
      .updateTable('settings')
      .set({ value: 'v1.AAAA.BBBB.CCCC' })
      .where('key', '=', 'stripe.secret_key')
      .execute();
    clearStripeSettingsCache(db());
    const page = await admin.get('/admin/payments');
    assert.deepEqual(badge(page.body), ['broken', 'Payments stopped']);
    assert.match(page.body, /cannot be decrypted with this server’s secrets key/);
    const { res } = await checkoutTarget();
    assert.equal(res.statusCode, 400);
    const hook = await sendWebhook(
      t,
      stripeEvent('checkout.session.completed', { id: 'cs_x', object: 'checkout.session' }),
    );
    assert.equal(hook.statusCode, 503, 'Stripe retries later');

    const removed = await admin.postForm('/admin/payments/stripe/remove', {}, { formPage: '/admin/payments' });
    assert.equal(removed.headers.location, '/admin/payments?notice=removed');
    assert.deepEqual(badge((await admin.get('/admin/payments')).body), ['test', 'Test mode']);
    assert.match(String((await checkoutTarget()).res.headers.location), /^\/pay\/test\//);
  });

  test('the page speaks German', async () => {
    const de = await admin.get('/admin/payments', { cookie: `${admin.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /<h1>Zahlungen<\/h1>/);
    assert.match(de.body, />Testmodus</);
    assert.match(de.body, /Stripe-Schlüssel speichern/);
  });
});
