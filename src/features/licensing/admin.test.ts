import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedProduct } from '../checkout/testing.js';
import { buildLicensingTestApp, callApi, seedLicensedPurchase } from './testing.js';

describe('licence keys in the admin', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    assert.equal((await admin.login()).statusCode, 303);
  });
  after(() => t.close());

  const audit = (action: string) =>
    t.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  test('only for admins', async () => {
    const anon = new TestClient(t.app);
    const res = await anon.get('/admin/licenses');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/admin\/login/);
  });

  test('list, search by key, email and product; the nav links here; the public key is shown', async () => {
    const a = await seedLicensedPurchase(t.services, { email: 'ada@example.com', title: 'Grid Theme' });
    const b = await seedLicensedPurchase(t.services, { email: 'bob@example.com', title: 'Sync Plugin' });
    const all = await admin.get('/admin/licenses');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /href="\/admin\/licenses" aria-current="page">Licence keys</);
    assert.ok(all.body.includes(a.key) && all.body.includes(b.key));
    assert.match(all.body, /Public key \(base64, 32 bytes\)/);
    assert.match(all.body, /-----BEGIN PUBLIC KEY-----/);
    assert.ok(all.body.includes(`/admin/products/${a.productId}/licensing`), 'links to the product settings');

    const search = async (q: string) => (await admin.get(`/admin/licenses?q=${encodeURIComponent(q)}`)).body;
    const byKey = await search(a.key.slice(6, 17).toLowerCase());
    assert.ok(byKey.includes(a.key) && !byKey.includes(b.key));
    const byWholeKey = await search(a.key.replaceAll('-', ''));
    assert.ok(byWholeKey.includes(a.key) && !byWholeKey.includes(b.key));
    const byEmail = await search('BOB@example');
    assert.ok(byEmail.includes(b.key) && !byEmail.includes(a.key));
    const byProduct = await search('grid');
    assert.ok(byProduct.includes(a.key) && !byProduct.includes(b.key));
    const none = await search('100%_nothing');
    assert.match(none, /No licence key matches “100%_nothing”/);
  });

  test('a key’s page: instances, disable and enable, reset, deactivate one, change limit and expiry — audited', async () => {
    const p = await seedLicensedPurchase(t.services, { limit: 2 });
    const activate = (name: string) =>
      callApi(t.app, '/api/v1/licenses/activate', { license_key: p.key, instance_name: name });
    const laptop = (await activate('laptop')).json().instance.id as string;
    await activate('desktop');
    const id = p.keys[0]!.id;
    const page = await admin.get(`/admin/licenses/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /laptop/);
    assert.match(page.body, /desktop/);
    assert.match(page.body, /2 \/ 2/);

    const off = await admin.postForm(`/admin/licenses/${id}/disable`, {}, { formPage: `/admin/licenses/${id}` });
    assert.equal(off.statusCode, 303);
    assert.match((await admin.get(off.headers.location as string)).body, /The key is disabled/);
    assert.equal((await callApi(t.app, '/api/v1/licenses/validate', { license_key: p.key })).statusCode, 404);
    assert.equal((await audit('license.disabled')).length, 1);
    await admin.postForm(`/admin/licenses/${id}/enable`, {}, { formPage: `/admin/licenses/${id}` });
    assert.equal((await callApi(t.app, '/api/v1/licenses/validate', { license_key: p.key })).statusCode, 200);

    await admin.postForm(
      `/admin/licenses/${id}/instances/${laptop}/deactivate`,
      {},
      { formPage: `/admin/licenses/${id}` },
    );
    const after1 = await admin.get(`/admin/licenses/${id}`);
    assert.doesNotMatch(after1.body, /laptop/);
    assert.match(after1.body, /1 \/ 2/);

    await admin.postForm(`/admin/licenses/${id}/reset`, {}, { formPage: `/admin/licenses/${id}` });
    const reset = await admin.get(`/admin/licenses/${id}`);
    assert.match(reset.body, /Not activated anywhere yet/);
    assert.match(reset.body, /0 \/ 2/);
    assert.equal((await audit('license.activations_reset')).length, 1);

    const bad = await admin.postForm(
      `/admin/licenses/${id}/limits`,
      { activation_limit: '-3', expires_on: '2027-02-30' },
      { formPage: `/admin/licenses/${id}` },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /whole number from 1 to 100000/);
    assert.match(bad.body, /date like 2027-12-31/);
    const saved = await admin.postForm(
      `/admin/licenses/${id}/limits`,
      { activation_limit: '', expires_on: '2020-01-01' },
      { formPage: `/admin/licenses/${id}` },
    );
    assert.equal(saved.statusCode, 303);
    const row = await t.services.database.db
      .selectFrom('license_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.activation_limit, null);
    // A day on the store's clock (Berlin by default, winter time): the key expires as it begins there.
    assert.equal(row.expires_at, '2019-12-31T23:00:00.000Z');
    const detail = await admin.get(`/admin/licenses/${id}`);
    assert.match(detail.body, /1 Jan 2020, 00:00/);
    assert.match(detail.body, /name="expires_on"[^>]*value="2020-01-01"/);
    const expired = await callApi(t.app, '/api/v1/licenses/activate', { license_key: p.key, instance_name: 'x' });
    assert.equal(expired.json().error, 'This license key has expired.');
    assert.equal((await audit('license.limits_changed')).length, 1);
  });

  test('every form needs its CSRF token', async () => {
    const p = await seedLicensedPurchase(t.services);
    const id = p.keys[0]!.id;
    for (const url of [
      `/admin/licenses/${id}/disable`,
      `/admin/licenses/${id}/reset`,
      `/admin/licenses/${id}/limits`,
      `/admin/products/${p.productId}/licensing`,
    ]) {
      const res = await admin.postForm(url, { activation_limit: '1' }, { csrf: null });
      assert.equal(res.statusCode, 403, url);
      const forged = await admin.postForm(url, { activation_limit: '1' }, { csrf: 'forged-token' });
      assert.equal(forged.statusCode, 403, url);
    }
    const row = await t.services.database.db
      .selectFrom('license_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.disabled_at, null);
    assert.equal(row.activation_limit, 3);
  });

  test('a product’s licensing settings: switch keys on with a limit and validity; new purchases follow', async () => {
    const product = await seedProduct(t.services, { title: 'Fresh Plugin' });
    const url = `/admin/products/${product.id}/licensing`;
    const form = await admin.get(url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Licence keys for Fresh Plugin/);
    assert.match(form.body, /Licence keys are not tied to memberships yet/);
    const bad = await admin.postForm(url, { enabled: '1', activation_limit: '0', validity: 'days', validity_days: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /number of days from 1 to 36500/);
    const ok = await admin.postForm(url, {
      enabled: '1',
      activation_limit: '4',
      validity: 'days',
      validity_days: '30',
    });
    assert.equal(ok.statusCode, 303);
    assert.match((await admin.get(ok.headers.location as string)).body, /Saved\./);
    const settings = await t.services.database.db
      .selectFrom('license_settings')
      .selectAll()
      .where('product_id', '=', product.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      {
        enabled: settings.enabled,
        limit: settings.activation_limit,
        validity: settings.validity,
        days: settings.validity_days,
      },
      { enabled: 1, limit: 4, validity: 'days', days: 30 },
    );
    assert.equal((await audit('license.settings_changed')).length, 1);
    const list = await admin.get('/admin/licenses');
    assert.match(list.body, /Fresh Plugin<\/a><\/th><td>4<\/td><td>30 days<\/td>/);
    const unknown = await admin.get('/admin/products/00000000-0000-4000-8000-000000000000/licensing');
    assert.equal(unknown.statusCode, 404);
  });

  test('the admin pages speak German', async () => {
    const p = await seedLicensedPurchase(t.services);
    const de = await admin.get(`/admin/licenses/${p.keys[0]!.id}`, { cookie: `${admin.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /Schlüssel sperren/);
    assert.match(de.body, /Aktivierungen zurücksetzen/);
    const list = await admin.get('/admin/licenses', { cookie: `${admin.cookieHeader}; vf_lang=de` });
    assert.match(list.body, /Signierte Lizenzdateien/);
  });
});
