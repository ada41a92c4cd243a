import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder, seedProduct } from '../checkout/testing.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';
import { retentionSweepHandler } from './retention.job.js';

async function buy(t: TestApp, email: string, name: string) {
  const product = await seedProduct(t.services, { priceMinor: 1200, title: `Kurs für ${name}` });
  const c = new TestClient(t.app);
  const res = await c.postForm(
    '/checkout',
    { productId: product.id, digitalConsent: '1', email, name },
    { formPage: `/checkout?product=${product.id}` },
  );
  const payUrl = res.headers.location as string;
  await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
  await t.drainJobs();
  return latestOrder(t.services);
}

/** A library session for this address, as the emailed sign-in link would give. */
async function signedIn(t: TestApp, email: string) {
  const token = await startCustomerSession(t.services.database.db, email);
  return { cookie: `${CUSTOMER_COOKIE}=${token}` };
}

describe('privacy: export and erasure', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('the export holds the requester’s orders, downloads, emails and consents, and nothing of anyone else', async () => {
    const mine = await buy(t, 'ada@example.com', 'Ada');
    const theirs = await buy(t, 'bob@example.com', 'Bob');
    const res = await t.app.inject({ url: '/library/data/export', headers: await signedIn(t, 'ada@example.com') });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const data = JSON.parse(res.body);
    assert.equal(data.email, 'ada@example.com');
    assert.deepEqual(
      data.orders.map((o: { id: string }) => o.id),
      [mine.id],
    );
    assert.equal(data.orderItems.length, 1);
    assert.deepEqual(
      data.payments.map((p: { order_id: string; provider: string }) => [p.order_id, p.provider]),
      [[mine.id, 'test']],
    );
    assert.equal(data.deliveries.length, 1);
    assert.equal(data.consents.length, 1);
    assert.ok(data.emails.some((e: { template: string }) => e.template === 'receipt'));
    assert.ok(Array.isArray(data.licenceKeys));
    assert.doesNotMatch(res.body, /bob@example\.com|Bob|Kurs für Bob/);
    assert.ok(!res.body.includes(theirs.id));
    // Without a session: the sign-in form.
    assert.equal((await t.app.inject('/library/data/export')).statusCode, 303);
    const logged = await t.services.database.db
      .selectFrom('privacy_requests')
      .selectAll()
      .where('email', '=', 'ada@example.com')
      .execute();
    assert.ok(logged.some((r) => r.kind === 'export' && r.status === 'completed'));
  });

  test('erasure: requested from the library, carried out by the admin; orders kept and locked, then swept', async () => {
    const order = await buy(t, 'cleo@example.com', 'Cleo');
    const headers = await signedIn(t, 'cleo@example.com');
    const page = await t.app.inject({ url: '/library/data', headers });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookies = [headers.cookie, ...page.cookies.map((c) => `${c.name}=${c.value}`)].join('; ');
    const asked = await t.app.inject({
      method: 'POST',
      url: '/library/data/erase',
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Your request has been received/);

    const admin = new TestClient(t.app);
    await admin.login();
    const list = await admin.get('/admin/privacy');
    assert.match(list.body, /cleo@example\.com/);
    assert.match(list.body, /Erase now/);
    const done = await admin.postForm(
      '/admin/privacy/erase',
      { email: 'cleo@example.com' },
      { formPage: '/admin/privacy' },
    );
    assert.equal(done.statusCode, 303);

    const db = t.services.database.db;
    const customer = await db
      .selectFrom('customers')
      .selectAll()
      .where('email', '=', 'cleo@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(customer.name, '');
    const kept = await db.selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(kept.status, 'paid');
    assert.equal(kept.name, '');
    assert.equal(kept.total_minor, 1200);
    const sessions = await db
      .selectFrom('customer_sessions')
      .select('id')
      .where('email', '=', 'cleo@example.com')
      .execute();
    assert.equal(sessions.length, 0);
    const mails = await db.selectFrom('emails').selectAll().where('to_address', '=', 'cleo@example.com').execute();
    assert.ok(mails.length > 0 && mails.every((m) => m.text === '' && m.html === ''));
    const lock = await db
      .selectFrom('retention_locks')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.ok(lock.keep_until >= `${new Date().getUTCFullYear() + 10}`);
    const requests = await db
      .selectFrom('privacy_requests')
      .selectAll()
      .where('email', '=', 'cleo@example.com')
      .execute();
    assert.ok(requests.every((r) => r.status === 'completed'));
    const audit = await db.selectFrom('audit_log').select('action').where('action', '=', 'privacy.erased').execute();
    assert.equal(audit.length, 1);

    // Not before the retention period ends …
    await retentionSweepHandler.handle({}, { db, services: t.services, log: t.services.log } as never);
    assert.ok(await db.selectFrom('orders').select('id').where('id', '=', order.id).executeTakeFirst());
    // … and gone after it.
    await db
      .updateTable('retention_locks')
      .set({ keep_until: '2000-01-01T00:00:00.000Z' })
      .where('order_id', '=', order.id)
      .execute();
    await retentionSweepHandler.handle({}, { db, services: t.services, log: t.services.log } as never);
    assert.equal(await db.selectFrom('orders').select('id').where('id', '=', order.id).executeTakeFirst(), undefined);
  });

  test('German texts', async () => {
    const res = await t.app.inject({
      url: '/library/data',
      headers: {
        ...(await signedIn(t, 'ada@example.com')),
        cookie: `${(await signedIn(t, 'ada@example.com')).cookie}; vf_lang=de`,
      },
    });
    assert.match(res.body, /Meine Daten herunterladen/);
    assert.match(res.body, /Löschung meiner Daten verlangen/);
  });
});
