import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { HttpClient } from '../../testing/http.js';
import { seedCustomer, seedOrder, seedProduct } from '../orders/testing.js';
import { pruneIdempotency } from './prune-idempotency.js';
import { apiClient } from './testing.js';
import { createApiToken } from './tokens.js';
import { API_RATE_PER_MINUTE } from './v1.routes.js';

/**
 * The endpoints over real HTTP: cursor pages that walk every row once, a
 * refund that happens once however often its Idempotency-Key is sent, and the
 * per-token rate limit with its headers.
 */
describe('the /api/v1 endpoints', () => {
  let t: TestApp;
  let base: string;
  const db = () => t.services.database.db;
  const tokenWith = async (...scopes: Parameters<typeof createApiToken>[1]['scopes']) =>
    (await createApiToken(db(), { name: 'test', scopes, testMode: true, actor: 'test' })).token;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    base = (await HttpClient.listen(t.app)).base;
  });
  after(() => t.close());

  async function paidOrder(priceMinor = 2500) {
    const order = await seedOrder(db(), {
      customer: await seedCustomer(db()),
      items: [{ product: await seedProduct(db(), { priceMinor }) }],
      status: 'paid',
      deliver: {},
    });
    const now = new Date().toISOString();
    await db()
      .insertInto('test_payment_sessions')
      .values({
        id: `test_${order.id.slice(0, 8)}`,
        order_id: order.id,
        amount_minor: priceMinor,
        currency: 'EUR',
        status: 'paid',
        return_url: '/',
        created_at: now,
        updated_at: now,
      })
      .execute();
    return order;
  }

  const refundsOf = async (orderId: string) =>
    (
      await db()
        .selectFrom('test_payment_refunds')
        .select('amount_minor')
        .where('session_id', '=', `test_${orderId.slice(0, 8)}`)
        .execute()
    ).map((r) => r.amount_minor);

  test('pages of 7 walk 60 products exactly once, in (created_at, id) order, also where times are equal', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const id = randomUUID();
      ids.push(id);
      // Twenty share one instant: only the id orders them.
      const at = new Date(Date.UTC(2026, 0, 1, 0, i < 20 ? 0 : i)).toISOString();
      await db()
        .insertInto('products')
        .values({
          id,
          slug: `p-${id}`,
          title: `P ${i}`,
          status: 'published',
          pricing: 'fixed',
          currency: 'EUR',
          price_minor: 100 + i,
          created_at: at,
          updated_at: at,
          published_at: at,
        })
        .execute();
    }
    const api = apiClient(base, await tokenWith('products:read'));
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const res = await api.get(`/api/v1/products?limit=7${after ? `&starting_after=${after}` : ''}`);
      assert.equal(res.status, 200);
      const data = res.json.data as { id: string; price_minor: number; currency: string }[];
      seen.push(...data.map((p) => p.id));
      pages++;
      if (!res.json.has_more) break;
      assert.equal(data.length, 7);
      after = data.at(-1)?.id;
    }
    assert.equal(pages, Math.ceil(60 / 7));
    assert.equal(new Set(seen).size, seen.length, 'no row twice');
    const tied = ids.slice(0, 20).sort();
    assert.deepEqual(seen, [...tied, ...ids.slice(20)]);
    const first = await api.get(`/api/v1/products/${ids[0]}`);
    assert.equal(first.json.price_minor, 100);
    assert.equal(first.json.currency, 'EUR');
  });

  test('orders: filters, the items of one, and only public fields', async () => {
    const order = await paidOrder(1200);
    const api = apiClient(base, await tokenWith('orders:read'));
    const row = await db().selectFrom('orders').select('email').where('id', '=', order.id).executeTakeFirstOrThrow();
    const list = await api.get(`/api/v1/orders?status=paid&email=${encodeURIComponent(row.email)}`);
    assert.deepEqual(
      (list.json.data as { id: string }[]).map((o) => o.id),
      [order.id],
    );
    assert.equal((await api.get('/api/v1/orders?status=refunded&limit=100')).status, 200);
    const one = await api.get(`/api/v1/orders/${order.id}`);
    assert.equal(one.json.total_minor, 1200);
    assert.equal((one.json.items as unknown[]).length, 1);
    assert.equal(one.json.access_key, undefined, 'the secret that opens the order page stays inside');
    assert.equal((await api.get('/api/v1/orders?status=bogus')).status, 400);
  });

  test('a refund with Idempotency-Key: replayed with the same answer, 422 for another body, refunded once', async () => {
    const order = await paidOrder();
    const url = `/api/v1/orders/${order.id}/refund`;
    const readOnly = apiClient(base, await tokenWith('orders:read'));
    assert.equal((await readOnly.post(url, {}, { 'idempotency-key': 'k0' })).status, 403);

    const api = apiClient(base, await tokenWith('orders:write'));
    const keyless = await api.post(url, {});
    assert.equal(keyless.status, 400);
    assert.equal(keyless.json.title, 'Idempotency-Key is required');
    assert.match(String(keyless.headers['content-type']), /^application\/problem\+json/);

    const first = await api.post(url, {}, { 'idempotency-key': 'refund-1' });
    assert.equal(first.status, 200, first.body);
    assert.equal(first.json.status, 'refunded');
    assert.equal(first.json.refunded_minor, 2500);
    assert.equal(first.headers['idempotent-replayed'], undefined);

    const again = await api.post(url, {}, { 'idempotency-key': 'refund-1' });
    assert.equal(again.status, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body, first.body);

    const other = await api.post(url, { amount_minor: 5 }, { 'idempotency-key': 'refund-1' });
    assert.equal(other.status, 422);
    assert.equal(other.json.code, 'idempotency_key_reused');

    const newKey = await api.post(url, {}, { 'idempotency-key': 'refund-2' });
    assert.equal(newKey.status, 409, 'a refunded order is not refunded again');
    assert.deepEqual(await refundsOf(order.id), [2500]);
  });

  test('answers are kept 24 hours: then the key is free again, and the hourly job deletes them', async () => {
    const { id: tokenId, token } = await createApiToken(db(), {
      name: 'old keys',
      scopes: ['orders:write'],
      testMode: true,
      actor: 'test',
    });
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000).toISOString();
    const kept = (key: string, createdAt: string) =>
      db()
        .insertInto('api_idempotency')
        .values({
          token_id: tokenId,
          idempotency_key: key,
          request_hash: 'x',
          status_code: 200,
          response_body: '{}',
          created_at: createdAt,
        })
        .execute();
    await kept('yesterday', dayAgo);
    const order = await paidOrder(700);
    const res = await apiClient(base, token).post(
      `/api/v1/orders/${order.id}/refund`,
      {},
      { 'idempotency-key': 'yesterday' },
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers['idempotent-replayed'], undefined, 'a fresh answer, not yesterday’s');
    assert.deepEqual(await refundsOf(order.id), [700]);

    // A claim left unanswered (the process stopped under it) is 409 at first, free after five minutes.
    const stuck = await paidOrder(300);
    const refund = () =>
      apiClient(base, token).post(`/api/v1/orders/${stuck.id}/refund`, {}, { 'idempotency-key': 'stuck' });
    const claim = (createdAt: string) =>
      db()
        .insertInto('api_idempotency')
        .values({ token_id: tokenId, idempotency_key: 'stuck', request_hash: 'x', created_at: createdAt })
        .execute();
    await claim(new Date().toISOString());
    assert.equal((await refund()).status, 422, 'another request under a running key is refused as such');
    await db().deleteFrom('api_idempotency').where('idempotency_key', '=', 'stuck').execute();
    await claim(new Date(Date.now() - 6 * 60 * 1000).toISOString());
    assert.equal((await refund()).status, 200);
    assert.deepEqual(await refundsOf(stuck.id), [300]);

    await kept('stale', dayAgo);
    await pruneIdempotency(db());
    const keys = await db()
      .selectFrom('api_idempotency')
      .select('idempotency_key')
      .where('token_id', '=', tokenId)
      .execute();
    assert.deepEqual(keys.map((k) => k.idempotency_key).sort(), ['stuck', 'yesterday']);
  });

  test('two requests with one key at the same moment refund once: the other waits for nothing and gets 409 or the replay', async () => {
    const order = await paidOrder(900);
    const api = apiClient(base, await tokenWith('orders:write'));
    const url = `/api/v1/orders/${order.id}/refund`;
    const answers = await Promise.all([1, 2, 3].map(() => api.post(url, {}, { 'idempotency-key': 'same' })));
    const statuses = answers.map((a) => a.status).sort();
    assert.ok(
      statuses.every((s) => s === 200 || s === 409),
      statuses.join(),
    );
    assert.equal(answers.filter((a) => a.status === 200 && !a.headers['idempotent-replayed']).length, 1);
    assert.deepEqual(await refundsOf(order.id), [900]);
  });

  test(`${API_RATE_PER_MINUTE} requests a minute per token with x-ratelimit headers, then 429 as a problem`, async () => {
    const token = await tokenWith('tiers:read');
    const api = apiClient(base, token);
    const first = await api.get('/api/v1/tiers');
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-ratelimit-limit'], String(API_RATE_PER_MINUTE));
    assert.equal(first.headers['x-ratelimit-remaining'], String(API_RATE_PER_MINUTE - 1));
    for (let i = 1; i < API_RATE_PER_MINUTE; i += 20)
      await Promise.all(Array.from({ length: Math.min(20, API_RATE_PER_MINUTE - i) }, () => api.get('/api/v1/tiers')));
    const limited = await api.get('/api/v1/tiers');
    assert.equal(limited.status, 429);
    assert.match(String(limited.headers['content-type']), /^application\/problem\+json/);
    assert.equal(limited.json.code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const otherToken = apiClient(base, await tokenWith('tiers:read'));
    assert.equal((await otherToken.get('/api/v1/tiers')).status, 200, 'each token has its own limit');
  });

  test('members, tiers and posts: published posts only, the body of public ones only', async () => {
    let minute = 0;
    const post = (slug: string, visibility: 'public' | 'paid', status: 'published' | 'draft') => {
      const now = new Date(Date.UTC(2026, 5, 1, 0, minute++)).toISOString();
      return db()
        .insertInto('posts')
        .values({
          id: randomUUID(),
          slug,
          title: slug,
          body_md: `secret ${slug}`,
          visibility,
          status,
          published_at: status === 'published' ? now : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    };
    await post('open', 'public', 'published');
    await post('gated', 'paid', 'published');
    await post('draft', 'public', 'draft');
    const api = apiClient(base, await tokenWith('posts:read', 'members:read'));
    const posts = (await api.get('/api/v1/posts')).json.data as { slug: string; body_md: string | null }[];
    assert.deepEqual(
      posts.map((p) => [p.slug, p.body_md]),
      [
        ['open', 'secret open'],
        ['gated', null],
      ],
    );
    assert.equal((await api.get('/api/v1/members')).status, 200);
  });
});
