import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedOrder, seedProduct } from '../analytics/testing.js';
import { clearSettingsCache, TIME_ZONE_KEY, writeSetting } from '../settings/store-settings.js';
import { createEndpoint, resendDelivery } from './endpoints.js';
import { type Received, startReceiver } from './receiver.testing.js';
import { RETRY_DELAYS_MS } from './schedule.js';

describe('outgoing webhooks', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
    await t.close();
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.answer(200);
    await db().deleteFrom('webhook_deliveries').execute();
    await db().deleteFrom('webhook_endpoints').execute();
  });

  const addEndpoint = (events: ('order.paid' | 'order.refunded')[] = ['order.paid']) =>
    createEndpoint(db(), { url: receiver.url, description: '', events }, 'owner@example.com');
  const secretOf = async (id: string) =>
    (await db().selectFrom('webhook_endpoints').select('secret').where('id', '=', id).executeTakeFirstOrThrow()).secret;
  const payOrder = async () => {
    const product = await seedProduct(db());
    const orderId = await seedOrder(db(), product, { totalMinor: 2500, email: 'buyer@example.com' });
    await db()
      .transaction()
      .execute(async (trx) => {
        const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
        assert.equal(await t.services.orders.markPaid(trx, order, {}), true);
      });
    return { orderId, productId: product };
  };
  /** Lets the clock "pass" for retries: every waiting delivery job becomes due now. */
  const makeRetriesDue = () =>
    db()
      .updateTable('jobs')
      .set({ run_at: isoNow() })
      .where('kind', '=', 'webhooks.deliver')
      .where('status', '=', 'pending')
      .execute();
  const verify = async (endpointId: string, r: Received) =>
    new Webhook(await secretOf(endpointId)).verify(r.body, r.headers as Record<string, string>);

  test('a paid order reaches the endpoint once, signed, with the order’s public fields', async () => {
    const endpointId = await addEndpoint();
    const { orderId, productId } = await payOrder();
    assert.equal(receiver.received.length, 0, 'nothing is sent before the worker runs');
    await t.drainJobs();
    await t.drainJobs();
    assert.equal(receiver.received.length, 1);
    const [r] = receiver.received as [Received];
    assert.equal(r.headers['content-type'], 'application/json');
    assert.match(String(r.headers['webhook-id']), /^msg_/);
    const verified = (await verify(endpointId, r)) as { type: string; data: Record<string, unknown> };
    assert.equal(verified.type, 'order.paid');
    const order = await db().selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
    assert.deepEqual(
      {
        id: verified.data.id,
        number: verified.data.number,
        email: verified.data.email,
        total: verified.data.total_minor,
        currency: verified.data.currency,
        paid_at: verified.data.paid_at,
        items: (verified.data.items as { product_id: string }[]).map((i) => i.product_id),
      },
      {
        id: orderId,
        number: order.number,
        email: 'buyer@example.com',
        total: 2500,
        currency: 'EUR',
        paid_at: order.paid_at,
        items: [productId],
      },
    );
    assert.ok(order.paid_at);
    const delivery = await db().selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    assert.equal(delivery.id, r.headers['webhook-id']);
    assert.equal(delivery.payload, r.body);
    assert.deepEqual([delivery.status, Number(delivery.attempts), delivery.last_status_code], ['succeeded', 1, 200]);
  });

  test('an endpoint not subscribed to the event, or disabled, gets nothing', async () => {
    await addEndpoint(['order.refunded']);
    const disabled = await addEndpoint(['order.paid']);
    await db().updateTable('webhook_endpoints').set({ status: 'disabled' }).where('id', '=', disabled).execute();
    await payOrder();
    await t.drainJobs();
    assert.equal(receiver.received.length, 0);
    assert.equal((await db().selectFrom('webhook_deliveries').selectAll().execute()).length, 0);
  });

  test('a rolled-back transaction sends nothing', async () => {
    await addEndpoint();
    const product = await seedProduct(db());
    const orderId = await seedOrder(db(), product);
    await assert.rejects(
      db()
        .transaction()
        .execute(async (trx) => {
          const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
          await t.services.orders.markPaid(trx, order, {});
          throw new Error('rolled back');
        }),
      /rolled back/,
    );
    await t.drainJobs();
    assert.equal(receiver.received.length, 0);
    assert.equal((await db().selectFrom('webhook_deliveries').selectAll().execute()).length, 0);
  });

  test('a 500 is retried after 5 s with the same webhook-id and body; the 200 ends it', async () => {
    const endpointId = await addEndpoint();
    receiver.answer(500, 200);
    await payOrder();
    await t.drainJobs();
    assert.equal(receiver.received.length, 1);
    const failed = await db().selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([failed.status, Number(failed.attempts), failed.last_status_code], ['pending', 1, 500]);
    assert.equal(Date.parse(failed.next_attempt_at!) - Date.parse(failed.last_attempt_at!), 5_000);
    const endpoint = await db().selectFrom('webhook_endpoints').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(endpoint.consecutive_failures), 1);
    await t.drainJobs();
    assert.equal(receiver.received.length, 1, 'the retry waits for its time');
    await makeRetriesDue();
    await t.drainJobs();
    assert.equal(receiver.received.length, 2);
    const [first, second] = receiver.received as [Received, Received];
    assert.equal(second.headers['webhook-id'], first.headers['webhook-id']);
    assert.equal(second.body, first.body);
    await verify(endpointId, second);
    const done = await db().selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([done.status, Number(done.attempts), done.last_status_code], ['succeeded', 2, 200]);
    const after = await db().selectFrom('webhook_endpoints').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([Number(after.consecutive_failures), after.failing_since], [0, null]);
  });

  test('a delivery failing every attempt follows the schedule, then the endpoint is disabled and the admins told', async () => {
    const endpointId = await addEndpoint();
    receiver.answer(503);
    await payOrder();
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      await makeRetriesDue();
      await t.drainJobs();
      const d = await db().selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
      if (d.status !== 'pending') break;
      waits.push(Date.parse(d.next_attempt_at!) - Date.parse(d.last_attempt_at!));
    }
    assert.deepEqual(waits, RETRY_DELAYS_MS);
    assert.equal(receiver.received.length, 13);
    assert.equal(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size, 1);
    const d = await db().selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([d.status, Number(d.attempts), d.last_status_code], ['failed', 13, 503]);
    const endpoint = await db()
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', endpointId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([endpoint.status, endpoint.disabled_reason], ['disabled', 'failing']);
    const mails = await db()
      .selectFrom('emails')
      .selectAll()
      .where('template', '=', 'webhooks-endpoint-disabled')
      .execute();
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to_address, 'owner@example.com');
    assert.match(mails[0]!.text, new RegExp(`/admin/webhooks/${endpointId}`));

    // A later event is not sent to it; re-sending is refused until it is enabled again.
    await payOrder();
    await t.drainJobs();
    assert.equal(receiver.received.length, 13);
    assert.equal(await resendDelivery(db(), d.id, 13, 'owner@example.com'), false);
  });

  test('a re-send is a new attempt of the same delivery, and a double click sends once', async () => {
    const endpointId = await addEndpoint();
    await payOrder();
    await t.drainJobs();
    assert.equal(receiver.received.length, 1);
    const d = await db().selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    const client = new TestClient(t.app);
    await client.login();
    const page = `/admin/webhooks/${endpointId}/deliveries/${d.id}`;
    const shown = await client.get(page);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /name="attempts" value="1"/);
    const csrf = await client.csrfFrom(page);
    for (let i = 0; i < 2; i++) {
      const res = await client.postForm(`${page}/resend`, { attempts: '1' }, { csrf });
      assert.equal(res.statusCode, 303);
    }
    await t.drainJobs();
    assert.equal(receiver.received.length, 2);
    const [first, second] = receiver.received as [Received, Received];
    assert.equal(second.headers['webhook-id'], d.id);
    assert.equal(second.body, first.body);
    await verify(endpointId, second);
    const again = await db().selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([again.status, Number(again.attempts)], ['succeeded', 2]);
    // A click on the page as it was before the re-send changes nothing.
    const late = await client.postForm(`${page}/resend`, { attempts: '1' }, { csrf });
    assert.match(String(late.headers.location), /done=stale/);
    await t.drainJobs();
    assert.equal(receiver.received.length, 2);
  });
});

describe('the webhooks admin', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let client: TestClient;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    receiver = await startReceiver();
    client = new TestClient(t.app);
  });
  after(async () => {
    await receiver.close();
    await t.close();
  });

  test('is for admins only', async () => {
    const anonymous = new TestClient(t.app);
    for (const url of ['/admin/webhooks', '/admin/webhooks/00000000-0000-4000-8000-000000000000']) {
      const res = await anonymous.get(url);
      assert.notEqual(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /whsec_/);
    }
    await client.login();
    const res = await client.get('/admin/webhooks');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /href="\/admin\/webhooks"/);
  });

  test('bad input re-renders the form with its errors', async () => {
    const res = await client.postForm('/admin/webhooks', { url: 'http://example.com/hook', description: 'x' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter an https:\/\/ address/);
    assert.match(res.body, /Pick at least one event/);
    assert.match(res.body, /value="http:\/\/example.com\/hook"/);
    assert.equal((await db().selectFrom('webhook_endpoints').selectAll().execute()).length, 0);
  });

  test('an endpoint is added, tested, rotated, edited and deleted', async () => {
    const created = await client.postForm('/admin/webhooks', {
      url: receiver.url,
      description: 'Zapier',
      events: 'order.paid',
    });
    assert.equal(created.statusCode, 303);
    const location = String(created.headers.location);
    const endpointId = /\/admin\/webhooks\/([0-9a-f-]{36})/.exec(location)![1]!;
    const page = await client.get(`/admin/webhooks/${endpointId}`);
    assert.equal(page.statusCode, 200);
    const secret = /(whsec_[A-Za-z0-9+/=]+)/.exec(page.body)![1]!;

    await client.postForm(`/admin/webhooks/${endpointId}/test`, {}, { formPage: `/admin/webhooks/${endpointId}` });
    await t.drainJobs();
    assert.equal(receiver.received.length, 1);
    const test = receiver.received[0]!;
    assert.deepEqual(
      (new Webhook(secret).verify(test.body, test.headers as Record<string, string>) as { type: string }).type,
      'webhook.test',
    );
    const log = await client.get(`/admin/webhooks/${endpointId}`);
    assert.match(log.body, /Test event/);
    assert.match(log.body, /Succeeded/);

    await client.postForm(`/admin/webhooks/${endpointId}/rotate`, {}, { formPage: `/admin/webhooks/${endpointId}` });
    const rotated = await db().selectFrom('webhook_endpoints').selectAll().executeTakeFirstOrThrow();
    assert.notEqual(rotated.secret, secret);
    assert.match(rotated.secret, /^whsec_/);

    const bad = await client.postForm(
      `/admin/webhooks/${endpointId}`,
      { url: receiver.url, description: '' },
      { formPage: `/admin/webhooks/${endpointId}` },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Pick at least one event/);
    const saved = await client.postForm(
      `/admin/webhooks/${endpointId}`,
      { url: receiver.url, description: '', events: 'order.refunded' },
      { formPage: `/admin/webhooks/${endpointId}` },
    );
    assert.equal(saved.statusCode, 303);
    const edited = await db().selectFrom('webhook_endpoints').selectAll().executeTakeFirstOrThrow();
    assert.equal(edited.event_types, '["order.refunded"]');

    await client.postForm(`/admin/webhooks/${endpointId}/delete`, {}, { formPage: `/admin/webhooks/${endpointId}` });
    assert.equal((await db().selectFrom('webhook_endpoints').selectAll().execute()).length, 0);
    const audit = await db().selectFrom('audit_log').select('action').where('action', 'like', 'webhook.%').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'webhook.endpoint-created',
      'webhook.endpoint-deleted',
      'webhook.endpoint-saved',
      'webhook.secret-rotated',
      'webhook.test-sent',
    ]);
  });
});

describe('a disabled endpoint and a long log', () => {
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    client = new TestClient(t.app);
    await client.login();
  });
  after(() => t.close());

  test('enabling again forgets the failures; the log pages 50 at a time, newest first', async () => {
    const db = t.services.database.db;
    const endpointId = await createEndpoint(
      db,
      { url: 'https://hooks.example.com/in', description: '', events: ['order.paid'] },
      'owner@example.com',
    );
    await db
      .updateTable('webhook_endpoints')
      .set({ status: 'disabled', disabled_reason: 'failing', consecutive_failures: 20, failing_since: isoNow() })
      .execute();
    const page = `/admin/webhooks/${endpointId}`;
    assert.match((await client.get(page)).body, /kept failing/);
    const res = await client.postForm(`${page}/enable`, {}, { formPage: page });
    assert.match(String(res.headers.location), /done=enabled/);
    const e = await db.selectFrom('webhook_endpoints').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(
      [e.status, e.disabled_reason, Number(e.consecutive_failures), e.failing_since],
      ['active', null, 0, null],
    );

    await db
      .insertInto('webhook_deliveries')
      .values(
        Array.from({ length: 51 }, (_, i) => ({
          id: `msg_log${String(i).padStart(2, '0')}`,
          endpoint_id: endpointId,
          event_type: 'order.paid',
          payload: '{}',
          created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        })),
      )
      .execute();
    const first = (await client.get(page)).body;
    const second = (await client.get(`${page}?page=2`)).body;
    const ids = (html: string) => [...html.matchAll(/deliveries\/(msg_log\d+)/g)].map((m) => m[1]);
    assert.equal(ids(first).length, 50);
    assert.equal(ids(first)[0], 'msg_log50');
    assert.deepEqual(ids(second), ['msg_log00']);
    assert.match(first, /page=2/);
  });
});

describe('the webhooks admin in German, on the store’s clock', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services, { locale: 'de' });
    await writeSetting(t.services.database.db, TIME_ZONE_KEY, 'America/New_York');
    clearSettingsCache();
    receiver = await startReceiver([500]);
  });
  after(async () => {
    await receiver.close();
    await t.close();
  });

  test('the endpoint’s log and a delivery’s page speak German and show the store’s time (New York)', async () => {
    const db = t.services.database.db;
    const endpointId = await createEndpoint(
      db,
      { url: receiver.url, description: '', events: ['order.paid'] },
      'owner@example.com',
    );
    const client = new TestClient(t.app);
    await client.login();
    await client.postForm(`/admin/webhooks/${endpointId}/test`, {}, { formPage: `/admin/webhooks/${endpointId}` });
    await t.drainJobs();
    await db.updateTable('webhook_deliveries').set({ created_at: '2026-03-02T09:00:00.000Z' }).execute();
    const log = await client.get(`/admin/webhooks/${endpointId}`);
    assert.equal(log.statusCode, 200);
    assert.match(log.body, /Zustellungen/);
    assert.match(log.body, /Testereignis/);
    assert.match(log.body, /Ausstehend/);
    assert.match(log.body, /02\.03\.2026, 04:00/);
    assert.doesNotMatch(log.body, /Deliveries|Pending|Send test event/);
    const deliveryId = /deliveries\/(msg_[A-Za-z0-9]+)/.exec(log.body)![1]!;
    const page = await client.get(`/admin/webhooks/${endpointId}/deliveries/${deliveryId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Erneut senden/);
    assert.match(page.body, /&quot;webhook.test&quot;|"webhook.test"/);
    assert.match(page.body, />500</);
  });
});
