import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isoIn } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { emailsTo, pathsIn, seedPurchase } from '../delivery/testing.js';
import { clearSettingsCache, writeSetting } from '../settings/store-settings.js';
import { requestLoginLink } from './request-login-link.js';

const mainOf = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';

describe('customer library', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  /** The path of the newest sign-in link emailed to an address. */
  const latestLink = async (address: string) => {
    const mails = await emailsTo(t.services, address);
    const last = mails.at(-1);
    assert.ok(last, `no email to ${address}`);
    return pathsIn(last.text, t.services.config.publicUrl).find((p) => p.startsWith('/library/auth/'))!;
  };

  /** Opens an emailed link (a page with a button, nothing used up yet) and presses the button. */
  const follow = async (c: TestClient, link: string) => {
    const page = await c.get(link);
    assert.equal(page.statusCode, 200, 'the link opens a page with a button');
    assert.match(page.body, /Continue to my purchases/);
    return c.postForm(link, {}, { formPage: link });
  };

  /** A browser signed in to the library of `email` (the link requested without HTTP, to spare the rate limit). */
  const signedIn = async (email: string) => {
    assert.ok(
      await requestLoginLink(t.services.database.db, { email, locale: 'en', publicUrl: t.services.config.publicUrl }),
    );
    const c = new TestClient(t.app);
    assert.equal((await follow(c, await latestLink(email))).statusCode, 303);
    return c;
  };

  test('without a session: an accessible email form', async () => {
    const res = await new TestClient(t.app).get('/library');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 id="h-library">Your library<\/h1>/);
    assert.match(res.body, /<label for="f-email">Email address<\/label>/);
    assert.match(res.body, /<form method="post" action="\/library\/login">/);
  });

  test('unknown and known addresses get the same answer; only the known one gets exactly one email', async () => {
    const p = await seedPurchase(t.services, { email: 'known@example.com' });
    const c = new TestClient(t.app);
    const unknown = await c.postForm('/library/login', { email: 'stranger@example.com' }, { formPage: '/library' });
    const known = await c.postForm('/library/login', { email: ' Known@Example.com ' }, { formPage: '/library' });
    assert.equal(unknown.statusCode, 200);
    assert.equal(known.statusCode, 200);
    assert.match(known.body, /If purchases or a membership exist for this address, we have emailed you a sign-in link/);
    assert.equal(mainOf(unknown.body), mainOf(known.body));
    assert.equal((await emailsTo(t.services, 'stranger@example.com')).length, 0);
    const mails = await emailsTo(t.services, p.email);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.template, 'library-login');
    const tokens = await t.services.database.db.selectFrom('customer_tokens').selectAll().execute();
    assert.equal(tokens.length, 1);
    assert.equal(tokens[0]?.purpose, 'library');
    assert.match(tokens[0]?.id ?? '', /^[0-9a-f]{64}$/);
    assert.ok(!mails[0]?.text.includes(tokens[0]!.id), 'only the hash is stored');
    const link = await latestLink(p.email);
    assert.equal((await follow(c, link)).statusCode, 303);
    assert.match((await c.get('/library')).body, new RegExp(`Order ${p.orderNumber}`));
    assert.equal((await new TestClient(t.app).get(link)).statusCode, 410);
  });

  test('an invalid address re-renders the form with an error', async () => {
    const c = new TestClient(t.app);
    const res = await c.postForm('/library/login', { email: 'not an address' }, { formPage: '/library' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Please enter a valid email address/);
    assert.match(res.body, /aria-invalid="true"/);
  });

  test('a sign-in link works once and sets a secure-by-default session cookie', async () => {
    await seedPurchase(t.services, { email: 'once@example.com' });
    await requestLoginLink(t.services.database.db, {
      email: 'once@example.com',
      locale: 'en',
      publicUrl: t.services.config.publicUrl,
    });
    const link = await latestLink('once@example.com');
    const c = new TestClient(t.app);
    // Opening the link (as a mail scanner would) uses nothing up.
    assert.equal((await new TestClient(t.app).get(link)).statusCode, 200);
    assert.equal((await new TestClient(t.app).get(link)).statusCode, 200);
    const first = await follow(c, link);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/library');
    const cookie = first.cookies.find((x) => x.name === 'vf_customer');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
    assert.equal(cookie?.secure, undefined, 'Secure only under https');
    assert.match((await c.get('/library')).body, /Signed in as once@example\.com/);

    const again = await new TestClient(t.app).get(link);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /This sign-in link no longer works/);
    assert.match(again.body, /action="\/library\/login"/);
    const replay = await new TestClient(t.app).postForm(link, {}, { formPage: '/library' });
    assert.equal(replay.statusCode, 410, 'a used link cannot sign in again');
    assert.equal(
      replay.cookies.find((x) => x.name === 'vf_customer'),
      undefined,
    );
  });

  test('tampered and expired links get the friendly page with the form', async () => {
    await seedPurchase(t.services, { email: 'late@example.com' });
    await requestLoginLink(t.services.database.db, {
      email: 'late@example.com',
      locale: 'en',
      publicUrl: t.services.config.publicUrl,
    });
    const link = await latestLink('late@example.com');
    const tampered = `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered, '/library/auth/short', `/library/auth/${'x'.repeat(90)}`]) {
      const res = await new TestClient(t.app).get(bad);
      assert.equal(res.statusCode, 410, bad);
      assert.match(res.body, /This sign-in link no longer works/);
    }
    await t.services.database.db
      .updateTable('customer_tokens')
      .set({ expires_at: isoIn(-1000) })
      .where('email', '=', 'late@example.com')
      .execute();
    const expired = await new TestClient(t.app).get(link);
    assert.equal(expired.statusCode, 410);
    assert.equal(
      expired.cookies.find((x) => x.name === 'vf_customer'),
      undefined,
    );
  });

  test('the library shows only the own purchases, refunded ones as such, with working downloads', async () => {
    const paid = await seedPurchase(t.services, { email: 'Anna@Example.com', title: 'Paid Course' });
    const refunded = await seedPurchase(t.services, {
      email: 'anna@example.com',
      status: 'refunded',
      title: 'Old Kit',
    });
    const pending = await seedPurchase(t.services, { email: 'anna@example.com', status: 'pending', title: 'Unpaid' });
    const other = await seedPurchase(t.services, { email: 'bert@example.com', title: 'Bert Only' });
    const c = await signedIn('anna@example.com');
    const page = await c.get('/library');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Order ${paid.orderNumber}`));
    assert.match(page.body, new RegExp(`Order ${refunded.orderNumber}`));
    assert.doesNotMatch(page.body, new RegExp(pending.orderNumber));
    assert.doesNotMatch(page.body, new RegExp(other.orderNumber));
    assert.doesNotMatch(page.body, /Bert Only/);
    assert.match(page.body, /<span class="badge refunded">Refunded<\/span>/);
    assert.match(page.body, /€19\.00/);
    assert.match(page.body, new RegExp(`href="/library/orders/${paid.orderId}"`));

    const hrefs = [...page.body.matchAll(/href="(http[^"]+\/d\/[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    assert.equal(hrefs.length, 1, 'links only for the paid order');
    const download = await t.app.inject(hrefs[0]!.slice(t.services.config.publicUrl.length));
    assert.equal(download.statusCode, 200);
    assert.ok(download.rawPayload.equals(paid.bytes));
  });

  test("a receipt for the own order; someone else's order is 404", async () => {
    const mine = await seedPurchase(t.services, { email: 'carla@example.com', title: 'Carla Course' });
    const theirs = await seedPurchase(t.services, { email: 'dora@example.com' });
    const c = await signedIn('carla@example.com');
    const receipt = await c.get(`/library/orders/${mine.orderId}`);
    assert.equal(receipt.statusCode, 200);
    assert.match(receipt.body, new RegExp(`<h1>Receipt for order ${mine.orderNumber}</h1>`));
    assert.match(receipt.body, /Carla Course/);
    assert.match(receipt.body, /<th scope="row" colSpan="3">Total<\/th><td class="num">€19\.00<\/td>/i);
    const foreign = await c.get(`/library/orders/${theirs.orderId}`);
    assert.equal(foreign.statusCode, 404);
    assert.doesNotMatch(foreign.body, new RegExp(theirs.orderNumber));
    assert.equal((await c.get('/library/orders/no-such-order')).statusCode, 404);
    const anonymous = await new TestClient(t.app).get(`/library/orders/${mine.orderId}`);
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/library');
  });

  test("the receipt shows its times on the store's clock (its time-zone setting), not the server's", async () => {
    // 23:30 UTC on 15 July: 19:30 the same day in New York, 08:30 the next day in Tokyo.
    const order = await seedPurchase(t.services, { email: 'zoe@example.com', createdAt: '2026-07-15T23:30:00.000Z' });
    const c = await signedIn('zoe@example.com');
    const db = t.services.database.db;
    try {
      await writeSetting(db, 'store.timezone', 'Asia/Tokyo');
      const tokyo = mainOf((await c.get(`/library/orders/${order.orderId}`)).body);
      assert.match(tokyo, /<dt>Order date<\/dt><dd>16 Jul 2026, 08:30 GMT\+9<\/dd>/, 'the zone is named');
      assert.doesNotMatch(tokyo, /15 Jul 2026/);
      await writeSetting(db, 'store.timezone', 'America/New_York');
      const newYork = mainOf((await c.get(`/library/orders/${order.orderId}`)).body);
      assert.match(newYork, /<dt>Order date<\/dt><dd>15 Jul 2026, 19:30 GMT-4<\/dd>/);
      assert.match(newYork, /<dt>Paid on<\/dt><dd>15 Jul 2026, 19:30 GMT-4<\/dd>/);
    } finally {
      await db.deleteFrom('settings').where('key', '=', 'store.timezone').execute();
      clearSettingsCache();
    }
  });

  test('signing out ends the session', async () => {
    await seedPurchase(t.services, { email: 'emil@example.com' });
    const c = await signedIn('emil@example.com');
    const before = c.cookieHeader;
    const out = await c.postForm('/library/logout', {}, { formPage: '/library' });
    assert.equal(out.statusCode, 303);
    assert.match((await c.get('/library')).body, /action="\/library\/login"/);
    const replay = await t.app.inject({ url: '/library', headers: { cookie: before } });
    assert.doesNotMatch(replay.body, /Signed in as/);
  });

  test('German texts', async () => {
    const res = await new TestClient(t.app).get('/library', { 'accept-language': 'de' });
    assert.match(res.body, /Ihre Bibliothek/);
    assert.match(res.body, /Anmeldelink per E-Mail senden/);
  });
});

describe('library sign-in rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('at most five sign-in requests a minute per IP', async () => {
    const c = new TestClient(t.app);
    const csrf = await c.csrfFrom('/library');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push((await c.postForm('/library/login', { email: `x${i}@example.com` }, { csrf })).statusCode);
    }
    assert.deepEqual(codes, [200, 200, 200, 200, 200, 429]);
  });
});
