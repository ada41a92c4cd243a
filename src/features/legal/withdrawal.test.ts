import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder, seedProduct } from '../checkout/testing.js';
import { parseMessage, type SmtpReceiver, startSmtpReceiver } from '../email/testing-smtp.js';
import { smtpMailer } from '../email/transport.js';
import { clearSettingsCache, writeSetting } from '../settings/store-settings.js';
import { signWithdrawalConfirmToken } from './withdrawal-token.js';

/** A guest buys (ticking the consent box) and, unless `pay` is false, pays; jobs run. */
async function buy(t: TestApp, email: string, pay = true) {
  const product = await seedProduct(t.services, { priceMinor: 2400, title: 'Brot-Kurs' });
  const c = new TestClient(t.app);
  const res = await c.postForm(
    '/checkout',
    { productId: product.id, digitalConsent: '1', email },
    { formPage: `/checkout?product=${product.id}` },
  );
  const payUrl = res.headers.location as string;
  if (pay) await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
  await t.drainJobs();
  return latestOrder(t.services);
}

const mainOf = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';

describe('withdrawal button (§ 356a BGB)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  /** A paid order that still has its right of withdrawal (placed without the consent, e.g. before it existed). */
  async function withdrawableOrder(email: string) {
    const order = await buy(t, email);
    await db().deleteFrom('order_consents').where('order_id', '=', order.id).execute();
    return order;
  }
  const emailsTo = (template: string, to: string) =>
    db()
      .selectFrom('emails')
      .selectAll()
      .where('template', '=', template)
      .where('to_address', '=', to)
      .orderBy('created_at')
      .execute();
  const orderNow = (id: string) => db().selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const linkIn = (text: string) => {
    const url = /https?:\/\/[^\s]+\/withdraw\/confirm\/[^\s]+/.exec(text)?.[0];
    assert.ok(url, 'the confirmation has the link');
    return new URL(url);
  };

  test('the footer link leads to the form; missing fields re-render it (400)', async () => {
    const home = await new TestClient(t.app).get('/withdrawal');
    assert.match(home.body, /href="\/withdraw"[^>]*>Withdraw from contract</);
    const c = new TestClient(t.app);
    const page = await c.get('/withdraw');
    assert.match(page.body, /Order number/);
    const empty = await c.postForm('/withdraw', { number: '', email: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Please give the order number and the email address/);
  });

  test('a stranger with email and number sees nothing of the order and causes nothing; the page is no oracle', async () => {
    const order = await withdrawableOrder('victim@example.com');
    const stranger = new TestClient(t.app);
    const hit = await stranger.postForm('/withdraw', { number: order.number, email: 'Victim@Example.com' });
    const miss = await stranger.postForm('/withdraw', { number: order.number, email: 'someone-else@example.com' });
    const unknown = await stranger.postForm('/withdraw', { number: 'V-999999', email: 'victim@example.com' });
    for (const res of [hit, miss, unknown]) {
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Your withdrawal has been received/);
      assert.doesNotMatch(res.body, /Brot-Kurs|24[.,]00|\/withdraw\/confirm|\/withdraw\/order|victim@example\.com/i);
    }
    // The request itself only stores the declaration for the worker: the same work for every input.
    const jobs = await db().selectFrom('jobs').select('kind').where('kind', '=', 'legal.withdrawal-declared').execute();
    assert.equal(jobs.length >= 3, true);
    assert.equal(
      await db().selectFrom('withdrawals').select('id').where('order_id', '=', order.id).executeTakeFirst(),
      undefined,
    );
    const normalise = (html: string) =>
      mainOf(html)
        .replace(/order number [^ ]+ on [^.]+\./, 'order number N on T.')
        .replace(/name="_csrf" value="[^"]*"/g, '');
    assert.equal(normalise(hit.body), normalise(miss.body), 'a matching and a wrong address read the same');
    assert.equal(normalise(hit.body), normalise(unknown.body), 'a known and an unknown number read the same');

    // Nothing happened to the order: still paid, nothing refunded, access kept.
    await t.drainJobs();
    const now = await orderNow(order.id);
    assert.equal(now.status, 'paid');
    assert.equal(now.refunded_minor, 0);
    const deliveries = await db().selectFrom('deliveries').selectAll().where('order_id', '=', order.id).execute();
    assert.ok(deliveries.length > 0);
    assert.ok(deliveries.every((d) => d.revoked_at === null));
    const w = await db()
      .selectFrom('withdrawals')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(w.confirmed_at, null, 'recorded, not carried out');
    // The confirmation went to the stored address only (not as typed), once for both identical submissions.
    const mails = await emailsTo('withdrawal-declared', 'victim@example.com');
    assert.equal(mails.length, 1);
    assert.equal((await emailsTo('withdrawal-declared', 'Victim@Example.com')).length, 0);
    assert.equal(
      (await db().selectFrom('emails').select('id').where('to_address', '=', 'someone-else@example.com').execute())
        .length,
      0,
    );
    assert.match(mails[0]!.text, new RegExp(`withdrawal from order ${order.number} \\(Brot-Kurs\\) on `));
    assert.match(mails[0]!.text, /If you did not declare this withdrawal, you can ignore this email/);
    // The creator sees the declaration waiting for the buyer's click.
    const admin = new TestClient(t.app);
    await admin.login();
    const list = await admin.get('/admin/legal');
    assert.match(list.body, new RegExp(`${order.number}[\\s\\S]*Waiting for the buyer to confirm`));
  });

  test("the time of receipt on the page and in the email is on the store's clock (its time-zone setting)", async () => {
    // Tokyo keeps UTC+9 all year, so the expected wall time is plain arithmetic, independent of Intl.
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const inTokyo = (iso: string) => {
      const d = new Date(Date.parse(iso) + 9 * 3_600_000);
      const hh = String(d.getUTCHours()).padStart(2, '0');
      const mm = String(d.getUTCMinutes()).padStart(2, '0');
      // A time of receipt names its zone, so a buyer elsewhere reads it right.
      return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} GMT+9`;
    };
    try {
      await writeSetting(db(), 'store.timezone', 'Asia/Tokyo');
      const order = await withdrawableOrder('tokyo@example.com');
      const declared = await new TestClient(t.app).postForm('/withdraw', {
        number: order.number,
        email: 'tokyo@example.com',
      });
      assert.equal(declared.statusCode, 200);
      await t.drainJobs();
      const w = await db()
        .selectFrom('withdrawals')
        .selectAll()
        .where('order_id', '=', order.id)
        .executeTakeFirstOrThrow();
      const shown = inTokyo(w.received_at);
      // The page and the email show the same time of receipt (the job carries it over).
      const pageTime = /order number [^ ]+ on ([^.]+)\./.exec(mainOf(declared.body))?.[1];
      assert.equal(pageTime, shown);
      const [mail] = await emailsTo('withdrawal-declared', 'tokyo@example.com');
      assert.ok(mail, 'the confirmation of receipt is queued');
      assert.ok(mail.text.includes(`on ${shown}`), `the email says ${shown}: ${mail.text}`);
    } finally {
      await db().deleteFrom('settings').where('key', '=', 'store.timezone').execute();
      clearSettingsCache();
    }
  });

  test('the buyer carries it out from the emailed link, exactly once; the time of receipt is kept', async () => {
    const order = await withdrawableOrder('guest@example.com');
    const c = new TestClient(t.app);
    const declared = await c.postForm('/withdraw', { number: order.number, email: 'guest@example.com' });
    assert.equal(declared.statusCode, 200);
    await t.drainJobs();
    const receivedAt = (
      await db().selectFrom('withdrawals').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow()
    ).received_at;
    const [mail] = await emailsTo('withdrawal-declared', 'guest@example.com');
    const link = linkIn(mail!.text);
    const path = `${link.pathname}${link.search}`;

    // Opening the link changes nothing (mail scanners open links); it shows the order and a button.
    const buyer = new TestClient(t.app);
    const page = await buyer.get(path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Brot-Kurs/);
    assert.match(page.body, /Carry out withdrawal now/);
    assert.equal((await orderNow(order.id)).status, 'paid');

    const done = await buyer.postForm(path, {});
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Your withdrawal has been received/);
    assert.match(done.body, /is being refunded/);
    await t.drainJobs();
    const after = await orderNow(order.id);
    assert.equal(after.status, 'refunded');
    assert.equal(after.refunded_minor, 2400);
    const w = await db()
      .selectFrom('withdrawals')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(w.refund, 'refunded');
    assert.equal(w.received_at, receivedAt, 'the declaration keeps its time of receipt');
    assert.ok(w.confirmed_at && w.confirmed_at >= receivedAt);
    const deliveries = await db().selectFrom('deliveries').selectAll().where('order_id', '=', order.id).execute();
    assert.ok(
      deliveries.every((d) => d.revoked_at !== null),
      'access ends',
    );
    const events = await db().selectFrom('order_events').select('kind').where('order_id', '=', order.id).execute();
    assert.equal(events.filter((e) => e.kind === 'withdrawn').length, 1);

    // A second click is harmless: the same answer, no second refund or event.
    const again = await buyer.postForm(path, {}, { formPage: '/withdraw' });
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /Your withdrawal has been received/);
    await t.drainJobs();
    assert.equal((await orderNow(order.id)).refunded_minor, 2400);
    const refunds = await db()
      .selectFrom('test_payment_refunds')
      .select('amount_minor')
      .where('session_id', '=', order.provider_ref ?? '')
      .execute();
    assert.deepEqual(refunds, [{ amount_minor: 2400 }], 'one refund at the provider');
    const events2 = await db().selectFrom('order_events').select('kind').where('order_id', '=', order.id).execute();
    assert.equal(events2.filter((e) => e.kind === 'withdrawn').length, 1);
    assert.equal(
      (await db().selectFrom('withdrawals').select('id').where('order_id', '=', order.id).execute()).length,
      1,
    );
    // The page behind the link now shows the result, without a button.
    const later = await buyer.get(path);
    assert.doesNotMatch(later.body, /Carry out withdrawal now/);

    const admin = new TestClient(t.app);
    await admin.login();
    const list = await admin.get('/admin/legal');
    assert.match(list.body, new RegExp(order.number));
  });

  test('a changed, foreign or expired link is refused with a clear page and changes nothing', async () => {
    const order = await withdrawableOrder('tamper@example.com');
    const other = await withdrawableOrder('other@example.com');
    const c = new TestClient(t.app);
    await c.postForm('/withdraw', { number: order.number, email: 'tamper@example.com' });
    await c.postForm('/withdraw', { number: other.number, email: 'other@example.com' });
    await t.drainJobs();
    const [mail] = await emailsTo('withdrawal-declared', 'tamper@example.com');
    const link = linkIn(mail!.text);
    const token = link.searchParams.get('t') ?? '';
    const id = link.pathname.split('/').pop() ?? '';
    const otherW = await db()
      .selectFrom('withdrawals')
      .select('id')
      .where('order_id', '=', other.id)
      .executeTakeFirstOrThrow();
    const secret = t.services.config.sessionSecret;
    const expired = signWithdrawalConfirmToken(secret, id, Date.now() - 31 * 24 * 3600_000);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const bad = [
      `/withdraw/confirm/${id}?t=${encodeURIComponent(tampered)}`,
      `/withdraw/confirm/${otherW.id}?t=${encodeURIComponent(token)}`,
      `/withdraw/confirm/${id}?t=${encodeURIComponent(expired)}`,
      `/withdraw/confirm/${id}`,
      `/withdraw/confirm/${id}?t=${encodeURIComponent(`99999999999999.${token.split('.')[1]}`)}`,
    ];
    for (const path of bad) {
      const page = await c.get(path);
      assert.equal(page.statusCode, 400, path);
      assert.match(page.body, /This link cannot be used/);
      assert.match(page.body, /has expired/);
      assert.doesNotMatch(page.body, /Brot-Kurs/);
      const post = await c.postForm(path, {}, { formPage: '/withdraw' });
      assert.equal(post.statusCode, 400, path);
    }
    await t.drainJobs();
    for (const id of [order.id, other.id]) assert.equal((await orderNow(id)).status, 'paid');
  });

  test('an order without a right left: the same page; the email to the stored address says why', async () => {
    const order = await buy(t, 'waived@example.com');
    assert.equal(order.status, 'paid');
    const c = new TestClient(t.app);
    const page = await c.postForm('/withdraw', { number: order.number, email: 'WAIVED@example.com' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Your withdrawal has been received/);
    assert.doesNotMatch(page.body, /can no longer be withdrawn/);
    await t.drainJobs();
    const [mail] = await emailsTo('withdrawal-not-possible', 'waived@example.com');
    assert.ok(mail);
    assert.match(mail.text, new RegExp(`declaration of withdrawal from order ${order.number} \\(Brot-Kurs\\) on `));
    assert.match(mail.text, /can no longer be withdrawn/);
    assert.equal((await orderNow(order.id)).status, 'paid');
    assert.equal(
      await db().selectFrom('withdrawals').select('id').where('order_id', '=', order.id).executeTakeFirst(),
      undefined,
    );
  });

  test("the order's own link (thank-you page, library) withdraws at once, also a declaration still waiting", async () => {
    const order = await withdrawableOrder('own@example.com');
    const c = new TestClient(t.app);
    await c.postForm('/withdraw', { number: order.number, email: 'own@example.com' });
    await t.drainJobs();
    const receivedAt = (
      await db().selectFrom('withdrawals').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow()
    ).received_at;
    const page = await c.get(`/withdraw/order/${order.id}?k=${order.access_key}`);
    assert.match(page.body, /Confirm withdrawal/);
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const done = await c.postForm(`/withdraw/order/${order.id}/confirm`, { token }, { formPage: '/withdraw' });
    assert.match(done.body, /is being refunded/);
    await t.drainJobs();
    assert.equal((await orderNow(order.id)).status, 'refunded');
    const w = await db()
      .selectFrom('withdrawals')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(w.received_at, receivedAt);
    assert.ok(w.confirmed_at);
  });

  test('from the thank-you page: an unpaid order is withdrawn with nothing to refund; a bad token is refused', async () => {
    const order = await buy(t, 'pending@example.com', false);
    assert.equal(order.status, 'pending');
    const c = new TestClient(t.app);
    const page = await c.get(`/withdraw/order/${order.id}?k=${order.access_key}`);
    assert.match(page.body, /Confirm withdrawal/);
    assert.equal((await c.get(`/withdraw/order/${order.id}?k=wrong`)).statusCode, 404);
    const bad = await c.postForm(`/withdraw/order/${order.id}/confirm`, { token: '1.x' }, { formPage: '/withdraw' });
    assert.equal(bad.statusCode, 400);
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const done = await c.postForm(`/withdraw/order/${order.id}/confirm`, { token }, { formPage: '/withdraw' });
    assert.match(done.body, /Nothing was charged/);
    assert.equal((await latestOrder(t.services)).status, 'expired', 'a withdrawn unpaid order ends');
    const w = await db()
      .selectFrom('withdrawals')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(w.source, 'link');
    assert.equal(w.confirmed_at, w.received_at, 'carried out at once');
    await t.drainJobs();
    const [mail] = await emailsTo('withdrawal-received', 'pending@example.com');
    assert.ok(mail, 'the confirmation with the time of receipt');
    assert.match(mail.text, new RegExp(`withdrawal from order ${order.number} .* on `));

    // The buyer finishes the old payment page anyway: the money goes back, nothing is delivered.
    const payUrl = `/pay/test/${order.provider_ref}`;
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    const after = await latestOrder(t.services);
    assert.equal(after.status, 'refunded');
    const deliveries = await db().selectFrom('deliveries').select('id').where('order_id', '=', order.id).execute();
    assert.deepEqual(deliveries, []);
  });

  test('German texts', async () => {
    const page = await t.app.inject({ url: '/withdraw', headers: { cookie: 'vf_lang=de' } });
    assert.match(page.body, /Vertrag widerrufen/);
    assert.match(page.body, /Bestellnummer/);
    assert.match(page.body, /Widerruf bestätigen/);
  });
});

describe('withdrawal button: the confirmation through a real SMTP server', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  before(async () => {
    smtp = await startSmtpReceiver();
    t = await buildTestApp({ mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}?tls=off`) });
    await setUpStore(t.services);
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('arrives only at the stored address, and its link carries the withdrawal out', async () => {
    const order = await buy(t, 'smtp-buyer@example.com');
    await t.services.database.db.deleteFrom('order_consents').where('order_id', '=', order.id).execute();
    smtp.messages.length = 0;
    const c = new TestClient(t.app);
    await c.postForm('/withdraw', { number: order.number, email: 'SMTP-Buyer@Example.com' });
    await c.postForm('/withdraw', { number: order.number, email: 'intruder@example.com' });
    await t.drainJobs();
    assert.deepEqual(
      smtp.messages.map((m) => m.to),
      [['smtp-buyer@example.com']],
    );
    const mail = parseMessage(smtp.messages[0]!.raw);
    const text = mail.parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'))?.body ?? '';
    assert.match(text, new RegExp(`withdrawal from order ${order.number} \\(Brot-Kurs\\) on `));
    const url = new URL(/https?:\/\/\S+\/withdraw\/confirm\/\S+/.exec(text)?.[0] ?? '');
    const buyer = new TestClient(t.app);
    const done = await buyer.postForm(`${url.pathname}${url.search}`, {});
    assert.equal(done.statusCode, 200);
    await t.drainJobs();
    assert.equal((await latestOrder(t.services)).status, 'refunded');
  });
});
