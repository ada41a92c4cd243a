import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { HttpClient } from '../../testing/http.js';
import { seedCustomer, seedOrder, seedProduct } from '../orders/testing.js';
import { apiClient } from './testing.js';
import { createApiToken, hashToken } from './tokens.js';

/**
 * Tokens over real HTTP: made in the admin and shown once, kept as a hash,
 * refused when revoked or expired or lacking the scope, and no data at all
 * without one. Refusals are problem+json.
 */
describe('API tokens', () => {
  let t: TestApp;
  let admin: HttpClient;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = await HttpClient.listen(t.app);
    await admin.login();
    const customer = await seedCustomer(db(), { email: 'ada@example.com' });
    await seedOrder(db(), { customer, items: [{ product: await seedProduct(db()) }] });
  });
  after(() => t.close());

  test('made in the admin: shown once on the next page, only its hash and first 12 characters kept, audited', async () => {
    const page = await admin.get('/admin/api-tokens');
    assert.equal(page.status, 200);
    assert.match(page.body, /href="\/admin\/api-tokens"/, 'the admin navigation links the page');
    assert.match(page.body, /<input type="checkbox" id="f-scope-orders-read" name="scopes" value="orders:read"/);

    const refused = await admin.postForm('/admin/api-tokens', { name: 'Zapier', expires: '2001-01-01' });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /Choose at least one scope\./);
    assert.match(refused.body, /Enter a day from today on/);

    const created = await admin.postForm('/admin/api-tokens', { name: 'Zapier', scopes: 'orders:read' });
    assert.equal(created.status, 200);
    assert.equal(created.headers['cache-control'], 'no-store');
    const token = /id="new-token-value"[^>]*value="(vf_test_[A-Za-z0-9_-]{43})"/.exec(created.body)?.[1];
    assert.ok(token, 'the page shows the new token, with the test prefix while payments are in test mode');

    const row = await db().selectFrom('api_tokens').selectAll().where('name', '=', 'Zapier').executeTakeFirstOrThrow();
    assert.equal(row.token_hash, hashToken(token));
    assert.equal(row.display_prefix, token.slice(0, 12));
    assert.deepEqual(JSON.parse(row.scopes), ['orders:read']);
    assert.equal(row.expires_at, null);
    const list = await admin.get('/admin/api-tokens');
    assert.ok(!list.body.includes(token), 'the list never shows the secret again');
    assert.ok(list.body.includes(`${token.slice(0, 12)}…`));

    const api = apiClient(admin.base, token);
    const orders = await api.get('/api/v1/orders');
    assert.equal(orders.status, 200);
    assert.equal((orders.json.data as unknown[]).length, 1);
    const used = await db()
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.ok(used.last_used_at, 'its last use is recorded');

    const revoke = await admin.postForm(`/admin/api-tokens/${row.id}/revoke`, {}, { formPage: '/admin/api-tokens' });
    assert.equal(revoke.status, 303);
    const afterRevoke = await api.get('/api/v1/orders');
    assert.equal(afterRevoke.status, 401);
    assert.equal(afterRevoke.headers['www-authenticate'], 'Bearer realm="api"');
    const audit = await db().selectFrom('audit_log').select('action').where('action', 'like', 'api.%').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['api.token-created', 'api.token-revoked']);
  });

  test('an expiry day on the store clock: the token works through that day', async () => {
    const created = await admin.postForm('/admin/api-tokens', {
      name: 'Until',
      scopes: 'orders:read',
      expires: '2099-12-31',
    });
    assert.equal(created.status, 200);
    const row = await db().selectFrom('api_tokens').selectAll().where('name', '=', 'Until').executeTakeFirstOrThrow();
    // Europe/Berlin (the store's zone): the first instant of 1 January 2100 there.
    assert.equal(row.expires_at, '2099-12-31T23:00:00.000Z');
    assert.match((await admin.get('/admin/api-tokens')).body, /<td>after 31 Dec 2099<\/td>/);
  });

  test('no data without a token; an unknown, expired or revoked one is 401; a missing scope 403, naming it', async () => {
    const none = await apiClient(admin.base).get('/api/v1/customers');
    assert.equal(none.status, 401);
    assert.match(String(none.headers['content-type']), /^application\/problem\+json/);
    assert.equal(none.json.status, 401);
    assert.equal(none.json.code, 'unauthenticated');
    assert.ok(!none.body.includes('ada@example.com'));
    assert.equal((await apiClient(admin.base, 'vf_live_nonsense').get('/api/v1/customers')).status, 401);

    const expired = await createApiToken(db(), {
      name: 'old',
      scopes: ['customers:read'],
      expiresAt: new Date(Date.now() - 1000),
      testMode: true,
      actor: 'test',
    });
    assert.equal((await apiClient(admin.base, expired.token).get('/api/v1/customers')).status, 401);

    const products = await createApiToken(db(), {
      name: 'shop',
      scopes: ['products:read'],
      testMode: false,
      actor: 'test',
    });
    assert.match(products.token, /^vf_live_/);
    const denied = await apiClient(admin.base, products.token).get('/api/v1/customers');
    assert.equal(denied.status, 403);
    assert.equal(denied.json.code, 'insufficient_scope');
    assert.match(String(denied.json.title), /customers:read/);
    assert.ok(!denied.body.includes('ada@example.com'));

    const customers = await createApiToken(db(), {
      name: 'crm',
      scopes: ['customers:read'],
      testMode: true,
      actor: 'test',
    });
    await seedCustomer(db(), { email: 'never-paid@example.com' });
    const ok = await apiClient(admin.base, customers.token).get('/api/v1/customers');
    assert.equal(ok.status, 200);
    const [ada, ...others] = ok.json.data as Record<string, unknown>[];
    assert.deepEqual(others, [], 'only buyers: a checkout never paid makes no customer here');
    assert.equal(ada?.email, 'ada@example.com');
    assert.equal(ada?.orders_count, 1);
  });

  test('bad input is a 400 problem, an unknown id a 404 problem', async () => {
    const { token } = await createApiToken(db(), {
      name: 'p',
      scopes: ['products:read'],
      testMode: true,
      actor: 'test',
    });
    const api = apiClient(admin.base, token);
    const tooMany = await api.get('/api/v1/products?limit=500');
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.json.code, 'validation_failed');
    const missing = await api.get('/api/v1/products/nope');
    assert.equal(missing.status, 404);
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
    const badCursor = await api.get('/api/v1/products?starting_after=nope');
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.json.code, 'invalid_cursor');
  });
});
