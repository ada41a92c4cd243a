import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedProduct } from '../checkout/testing.js';
import { emailsTo, pathsIn } from '../delivery/testing.js';
import { seedEvent } from '../events/testing.js';
import { seedAffiliate } from './testing.js';

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

describe('affiliates over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const db = () => t.services.database.db;
  const slugOf = async (id: string) =>
    (await db().selectFrom('products').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
  const attributionOf = (orderId: string) =>
    db().selectFrom('order_attributions').selectAll().where('order_id', '=', orderId).executeTakeFirst();

  /** Buys from the product page as a browser would (its form as rendered, ref included) and returns the order. */
  async function buy(c: TestClient, productPage: string, email: string, extra: Record<string, string> = {}) {
    const page = await c.get(productPage, { 'user-agent': BROWSER_UA });
    assert.equal(page.statusCode, 200);
    const ref = /name="ref" value="([^"]+)"/.exec(page.body)?.[1];
    const productId = /name="productId" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const fields: Record<string, string> = { productId, email, digitalConsent: '1', ...(ref ? { ref } : {}), ...extra };
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? null;
    const res = await c.postForm('/checkout', fields, { csrf });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const order = await db()
      .selectFrom('orders')
      .selectAll()
      .where('email', '=', email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return order;
  }

  const pay = (orderId: string) =>
    db()
      .transaction()
      .execute(async (trx) => {
        const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
        return t.services.orders.markPaid(trx, order, { provider: 'test' });
      });

  test('a referral link reaches checkout without any cookie; the prompt sets one only on yes', async () => {
    const affiliate = await seedAffiliate(db(), { cookie_days: 45 });
    const product = await seedProduct(t.services, { priceMinor: 11_900 });
    const slug = await slugOf(product.id);
    const c = new TestClient(t.app);

    const short = await c.get(`/r/${affiliate.code.toUpperCase()}/${slug}`);
    assert.equal(short.statusCode, 302);
    assert.equal(short.headers.location, `/p/${slug}?ref=${affiliate.code}`);
    const landing = await c.get(`/p/${slug}?ref=${affiliate.code}`, { 'user-agent': BROWSER_UA });
    assert.match(landing.body, /Remember this recommendation for 45 days\?/);
    assert.match(landing.body, new RegExp(`name="ref" value="${affiliate.code}"`));
    assert.ok(!String(landing.headers['set-cookie'] ?? '').includes('vf_ref'), 'arriving sets no referral cookie');

    const csrf = /name="_csrf" value="([^"]+)"/.exec(landing.body)?.[1] ?? null;
    const no = await c.postForm('/r/remember', { ref: affiliate.code, slug, answer: 'no' }, { csrf });
    assert.equal(no.statusCode, 303);
    assert.equal(no.headers.location, `/p/${slug}?ref=${affiliate.code}&asked=1`);
    assert.ok(!String(no.headers['set-cookie'] ?? '').includes('vf_ref'), '"No" sets nothing');
    const answered = await c.get(no.headers.location as string, { 'user-agent': BROWSER_UA });
    assert.doesNotMatch(answered.body, /Remember this recommendation/);

    const order = await buy(c, `/p/${slug}?ref=${affiliate.code}&asked=1`, 'buyer-link@example.com');
    assert.equal(c.cookieHeader.includes('vf_ref'), false);
    assert.equal((await attributionOf(order.id))?.source, 'link');
    assert.equal((await attributionOf(order.id))?.affiliate_id, affiliate.id);

    const clicks = await db()
      .selectFrom('affiliate_clicks')
      .selectAll()
      .where('affiliate_id', '=', affiliate.id)
      .execute();
    assert.equal(
      clicks.reduce((s, r) => s + r.clicks, 0),
      1,
      'one arrival, one click; the page after answering is not another',
    );

    const yes = await c.postForm('/r/remember', { ref: affiliate.code, slug, answer: 'yes' }, { csrf });
    const cookie = String(yes.headers['set-cookie'] ?? '');
    assert.match(cookie, new RegExp(`vf_ref=${affiliate.code}\\.\\d+;`));
    assert.match(cookie, /Max-Age=3888000/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
  });

  test('a remembered cookie attributes a later visit; a bot is not counted; unknown codes change nothing', async () => {
    const affiliate = await seedAffiliate(db());
    const product = await seedProduct(t.services);
    const slug = await slugOf(product.id);
    const c = new TestClient(t.app);
    const bot = await c.get(`/p/${slug}?ref=${affiliate.code}`, { 'user-agent': 'Googlebot/2.1' });
    assert.equal(bot.statusCode, 200);
    assert.equal(
      (await db().selectFrom('affiliate_clicks').selectAll().where('affiliate_id', '=', affiliate.id).execute()).length,
      0,
    );
    const unknown = await c.get(`/p/${slug}?ref=nobody-here`, { 'user-agent': BROWSER_UA });
    assert.doesNotMatch(unknown.body, /name="ref"/);
    assert.equal((await c.get(`/r/nobody-here/${slug}`)).headers.location, `/p/${slug}`);

    const later = new TestClient(t.app);
    // Remembered 40 days ago: the window (30 days) is over, so it attributes nothing.
    const stale = new TestClient(t.app);
    stale.setCookie('vf_ref', `${affiliate.code}.${Math.floor(Date.now() / 1000) - 40 * 86_400}`);
    const stalePage = await stale.get(`/p/${slug}`, { 'user-agent': BROWSER_UA });
    const staleCsrf = /name="_csrf" value="([^"]+)"/.exec(stalePage.body)?.[1] ?? null;
    await stale.postForm(
      '/checkout',
      { productId: product.id, email: 'stale@example.com', digitalConsent: '1' },
      { csrf: staleCsrf },
    );
    const staleOrder = await db()
      .selectFrom('orders')
      .select('id')
      .where('email', '=', 'stale@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(await attributionOf(staleOrder.id), undefined, 'a cookie older than the window attributes nothing');
    // Remembered 10 days ago, inside the window.
    later.setCookie('vf_ref', `${affiliate.code}.${Math.floor(Date.now() / 1000) - 10 * 86_400}`);
    const order = await (async () => {
      const page = `/p/${slug}`;
      const productPage = await later.get(page, { 'user-agent': BROWSER_UA });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(productPage.body)?.[1] ?? null;
      const res = await later.postForm(
        '/checkout',
        { productId: product.id, email: 'later@example.com', digitalConsent: '1' },
        { csrf },
      );
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      return db().selectFrom('orders').selectAll().where('email', '=', 'later@example.com').executeTakeFirstOrThrow();
    })();
    assert.equal((await attributionOf(order.id))?.source, 'cookie');
  });

  test('self-referral earns nothing; an affiliate coupon wins over a link; suspended affiliates refer nobody', async () => {
    const linkPartner = await seedAffiliate(db());
    const couponPartner = await seedAffiliate(db());
    const suspended = await seedAffiliate(db(), { status: 'suspended' });
    const product = await seedProduct(t.services, { priceMinor: 5_000 });
    const slug = await slugOf(product.id);
    const c = new TestClient(t.app);

    const own = await buy(c, `/p/${slug}?ref=${linkPartner.code}`, linkPartner.email);
    assert.equal(await attributionOf(own.id), undefined);

    const discountId = randomUUID();
    await db()
      .insertInto('discount_codes')
      .values({
        id: discountId,
        code: 'PATFRIENDS',
        kind: 'percent',
        percent_off: 10,
        created_at: new Date().toISOString(),
      })
      .execute();
    await db()
      .insertInto('affiliate_coupons')
      .values({ discount_code_id: discountId, affiliate_id: couponPartner.id })
      .execute();
    const page = `/p/${slug}?ref=${linkPartner.code}`;
    const shown = await c.postForm(
      '/checkout',
      {
        productId: product.id,
        email: 'coupon@example.com',
        digitalConsent: '1',
        ref: linkPartner.code,
        discountCode: 'PATFRIENDS',
      },
      { formPage: page },
    );
    const quoted = /name="quoted" value="([^"]*)"/.exec(shown.body)?.[1] ?? '';
    assert.match(
      shown.body,
      new RegExp(`name="ref" value="${linkPartner.code}"`),
      'the checkout page carries the code on',
    );
    const csrf = /name="_csrf" value="([^"]+)"/.exec(shown.body)?.[1] ?? null;
    const res = await c.postForm(
      '/checkout',
      {
        productId: product.id,
        email: 'coupon@example.com',
        digitalConsent: '1',
        ref: linkPartner.code,
        discountCode: 'PATFRIENDS',
        quoted,
      },
      { csrf },
    );
    assert.equal(res.statusCode, 303);
    const couponOrder = await db()
      .selectFrom('orders')
      .selectAll()
      .where('email', '=', 'coupon@example.com')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...(await attributionOf(couponOrder.id)), created_at: undefined },
      { order_id: couponOrder.id, affiliate_id: couponPartner.id, source: 'coupon', created_at: undefined },
    );

    const none = await buy(c, `/p/${slug}?ref=${suspended.code}`, 'nobody@example.com');
    assert.equal(await attributionOf(none.id), undefined);
  });

  test('paid → pending commission of the net price; a refund inside the hold reverses it; the portal shows both', async () => {
    const affiliate = await seedAffiliate(db(), { commission_percent_bp: 2500 });
    const product = await seedProduct(t.services, { priceMinor: 11_900 });
    const slug = await slugOf(product.id);
    const c = new TestClient(t.app);
    const order = await buy(c, `/p/${slug}?ref=${affiliate.code}`, 'paying@example.com');
    assert.ok(await pay(order.id));
    assert.equal(await pay(order.id), false, 'a repeated payment notice changes nothing');
    const entries = () =>
      db()
        .selectFrom('affiliate_commission_entries')
        .selectAll()
        .where('order_id', '=', order.id)
        .orderBy('created_at')
        .execute();
    const paid = await db().selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
    const net = paid.total_minor - paid.tax_minor;
    let rows = await entries();
    assert.deepEqual(
      rows.map((r) => [r.kind, r.amount_minor]),
      [['pending', Math.round(net * 0.25)]],
    );
    assert.ok(rows[0]?.available_at && rows[0].available_at > new Date(Date.now() + 29 * 86_400_000).toISOString());

    // The refund as the payments feature records it (the browser test refunds through the admin and the test provider).
    await db()
      .transaction()
      .execute(async (trx) => {
        const o = await trx.selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
        assert.ok(await t.services.orders.markRefunded(trx, o, { by: 'owner@example.com' }));
      });
    rows = await entries();
    assert.deepEqual(
      rows.map((r) => [r.kind, r.amount_minor]),
      [
        ['pending', Math.round(net * 0.25)],
        ['reversed', -Math.round(net * 0.25)],
      ],
    );

    // The partner signs in by emailed link and sees the history.
    const partner = new TestClient(t.app);
    const asked = await partner.postForm(
      '/partner/login',
      { email: affiliate.email.toUpperCase() },
      { formPage: '/partner' },
    );
    assert.match(asked.body, /a sign-in link is on its way/);
    const mail = (await emailsTo(t.services, affiliate.email)).at(-1);
    assert.ok(mail);
    const link = pathsIn(mail.text, t.services.config.publicUrl).find((p) => p.startsWith('/partner/auth/'));
    assert.ok(link);
    assert.equal((await partner.get(link)).statusCode, 200);
    const signedIn = await partner.postForm(link, {}, { formPage: link });
    assert.equal(signedIn.statusCode, 303);
    const again = await new TestClient(t.app).postForm(link, {}, { formPage: link });
    assert.equal(again.statusCode, 400, 'the link works once');
    const portal = await partner.get('/partner');
    assert.match(portal.body, /Commission \(on hold\)/);
    assert.match(portal.body, /Reversed/);
    assert.match(portal.body, /<svg/, 'a QR code per product link');
    assert.match(portal.body, new RegExp(`/r/${affiliate.code}/${slug}`));
    assert.match(portal.body, /href="\/partner\/payouts"/);
    const ids = [...portal.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
      'no id twice on the portal (QR codes included)',
    );
  });

  test('tax details: IBAN by checksum, VAT ID by format; stored when valid; pages need a session', async () => {
    const affiliate = await seedAffiliate(db());
    assert.equal(
      (await new TestClient(t.app).postForm('/partner/tax', {}, { formPage: '/partner' })).headers.location,
      '/partner',
    );
    const partner = new TestClient(t.app);
    const { redeemPartnerLink } = await import('./partner-session.js');
    const { sha256 } = await import('../library/sessions.js');
    const token = 'x'.repeat(43);
    await db()
      .insertInto('customer_tokens')
      .values({
        id: sha256(token),
        email: affiliate.email,
        purpose: 'partner',
        expires_at: new Date(Date.now() + 60_000).toISOString(),
        used_at: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const session = await redeemPartnerLink(db(), token);
    assert.ok(session);
    partner.setCookie('vf_partner', session);
    const fields = {
      legalName: 'Pat Partner',
      street: 'Hauptstr. 1',
      postcode: '10115',
      city: 'Berlin',
      country: 'DE',
      vatStatus: 'regular',
      vatId: 'DE12345678',
      taxNumber: '',
      iban: 'DE89 3704 0044 0532 0130 00',
      bic: '',
      accountHolder: 'Pat Partner',
    };
    const bad = await partner.postForm(
      '/partner/tax',
      { ...fields, iban: 'DE89 3704 0044 0532 0130 01' },
      { formPage: '/partner' },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /This IBAN is not valid/);
    assert.match(bad.body, /This VAT ID does not have a valid format/);
    const ok = await partner.postForm('/partner/tax', { ...fields, vatId: 'DE 136 695 976' }, { formPage: '/partner' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const row = await db()
      .selectFrom('affiliates')
      .selectAll()
      .where('id', '=', affiliate.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.iban, row.vat_id, row.vat_status, row.country],
      ['DE89370400440532013000', 'DE136695976', 'regular', 'DE'],
    );
  });

  test('admin: apply, approve, commission with a per-product override; strangers are refused', async () => {
    const anon = new TestClient(t.app);
    const applied = await anon.postForm(
      '/partner/apply',
      { name: 'Alex Blog', email: 'alex@example.com', website: 'https://alex.example', note: '' },
      { formPage: '/partner/apply' },
    );
    assert.equal(applied.statusCode, 200);
    assert.match(applied.body, /application has been received/);
    const badApply = await anon.postForm(
      '/partner/apply',
      { name: '', email: 'nope', website: '' },
      { formPage: '/partner/apply' },
    );
    assert.equal(badApply.statusCode, 400);
    assert.equal((await anon.get('/admin/affiliates')).statusCode, 303, 'the admin pages need an admin');

    const admin = new TestClient(t.app);
    await admin.login();
    const list = await admin.get('/admin/affiliates');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Alex Blog/);
    const alex = await db()
      .selectFrom('affiliates')
      .selectAll()
      .where('email', '=', 'alex@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(alex.status, 'applied');
    const approved = await admin.postForm(
      `/admin/affiliates/${alex.id}/status`,
      { action: 'approve' },
      { formPage: '/admin/affiliates' },
    );
    assert.equal(approved.headers.location, '/admin/affiliates?done=status');
    assert.ok((await emailsTo(t.services, 'alex@example.com')).some((m) => /approved/.test(m.subject)));

    const product = await seedProduct(t.services, { priceMinor: 2_000 });
    const page = `/admin/affiliates/${alex.id}`;
    const wrong = await admin.postForm(
      `${page}/commission`,
      { kind: 'percent', percent: '120', fixed: '', cookieDays: '30' },
      { formPage: page },
    );
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /between 0 and 100/);
    const saved = await admin.postForm(
      `${page}/commission`,
      {
        kind: 'percent',
        percent: '12,5',
        fixed: '0',
        cookieDays: '60',
        [`o.${product.id}.kind`]: 'fixed',
        [`o.${product.id}.value`]: '3.50',
      },
      { formPage: page },
    );
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
    const after = await db().selectFrom('affiliates').selectAll().where('id', '=', alex.id).executeTakeFirstOrThrow();
    assert.deepEqual([after.commission_percent_bp, after.cookie_days], [1250, 60]);
    const override = await db()
      .selectFrom('affiliate_product_commissions')
      .selectAll()
      .where('affiliate_id', '=', alex.id)
      .execute();
    assert.deepEqual(
      override.map((o) => [o.product_id, o.commission_kind, o.commission_fixed_minor]),
      [[product.id, 'fixed', 350]],
    );
    const couponId = randomUUID();
    await db()
      .insertInto('discount_codes')
      .values({ id: couponId, code: 'ALEX10', kind: 'percent', percent_off: 10, created_at: new Date().toISOString() })
      .execute();
    const linked = await admin.postForm(
      `${page}/commission`,
      { kind: 'percent', percent: '12,5', fixed: '0', cookieDays: '60', coupon: couponId },
      { formPage: page },
    );
    assert.equal(linked.statusCode, 303);
    assert.deepEqual(
      await db().selectFrom('affiliate_coupons').selectAll().where('affiliate_id', '=', alex.id).execute(),
      [{ discount_code_id: couponId, affiliate_id: alex.id }],
    );

    const invited = await admin.postForm(
      '/admin/affiliates/invite',
      { name: 'Robin', email: 'robin@example.com' },
      { formPage: '/admin/affiliates' },
    );
    assert.equal(invited.statusCode, 303);
    assert.ok((await emailsTo(t.services, 'robin@example.com')).some((m) => /invites you/.test(m.subject)));
    const twice = await admin.postForm(
      '/admin/affiliates/invite',
      { name: 'Robin', email: 'robin@example.com' },
      { formPage: '/admin/affiliates' },
    );
    assert.equal(twice.statusCode, 400);
    const hold = await admin.postForm(
      '/admin/affiliates/programme',
      { holdDays: '7', cookieDays: '30', percentBp: '20' },
      { formPage: '/admin/affiliates' },
    );
    assert.equal(hold.statusCode, 400, 'a hold shorter than the withdrawal period is refused');
  });
  test('a product priced by a choice (an event) carries the code through the choice step to the checkout form', async () => {
    const affiliate = await seedAffiliate(db());
    const event = await seedEvent(t.services);
    const slug = await slugOf(event.productId);
    const c = new TestClient(t.app);
    const page = await c.get(`/p/${slug}?ref=${affiliate.code}`, { 'user-agent': BROWSER_UA });
    assert.match(page.body, /<form method="get" action="\/checkout" class="choice-form">[\s\S]*?name="ref" value="/);
    const step = await c.get(`/checkout?product=${event.productId}&ref=${affiliate.code}`);
    assert.match(step.body, new RegExp(`name="ref" value="${affiliate.code}"`), 'the choice step keeps it');
    const checkout = await c.get(
      `/checkout?product=${event.productId}&choice=${encodeURIComponent(event.choice())}&ref=${affiliate.code}`,
    );
    assert.equal(checkout.statusCode, 200);
    assert.match(
      checkout.body,
      /<form method="post" action="\/checkout"[\s\S]*?name="ref" value="/,
      'the order form carries it',
    );
  });
  test('in German: the prompt, the sign-in and the application speak German and say "Sie"', async () => {
    const affiliate = await seedAffiliate(db());
    const product = await seedProduct(t.services);
    const slug = await slugOf(product.id);
    const c = new TestClient(t.app);
    c.setCookie('vf_lang', 'de');
    const page = await c.get(`/p/${slug}?ref=${affiliate.code}`, { 'user-agent': BROWSER_UA });
    assert.match(page.body, /Diese Empfehlung 30 Tage lang merken\?/);
    assert.match(page.body, /Kaufen Sie bei diesem Besuch/);
    assert.match((await c.get('/partner')).body, /Geben Sie die E-Mail-Adresse ein/);
    assert.match((await c.get('/partner/apply')).body, /Partner werden/);
  });
});
