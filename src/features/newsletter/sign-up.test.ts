import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { emailsTo, pathsIn } from '../delivery/testing.js';
import { NEWSLETTER_CONSENT_VERSION } from './consent.js';
import { signUp } from './sign-up.js';
import { unsubscribePath } from './unsubscribe-links.js';

const SIGNUP = { locale: 'en', ip: '192.0.2.1', userAgent: 'test' } as const;
const mainOf = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';

describe('newsletter sign-up (double opt-in) and unsubscribe', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const db = () => t.services.database.db;
  const member = (email: string) =>
    db().selectFrom('members').selectAll().where('email', '=', email).executeTakeFirst();
  const join = (c: TestClient, fields: Record<string, string>) => c.postForm('/join', fields, { formPage: '/join' });
  const confirmLink = async (email: string) => {
    const mails = await emailsTo(t.services, email);
    const last = mails.at(-1);
    assert.ok(last, `no email to ${email}`);
    return pathsIn(last.text, t.services.config.publicUrl).find((p) => p.startsWith('/join/confirm/'))!;
  };

  test('the form shows the consent text with a labelled checkbox', async () => {
    const res = await new TestClient(t.app).get('/join');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<label for="f-email">Email address<\/label>/);
    assert.match(res.body, /name="consent"/);
    assert.match(res.body, /Yes, I would like to receive the newsletter of Test Store by email/);
  });

  test('bad input re-renders the form with errors (400), nothing is stored', async () => {
    const c = new TestClient(t.app);
    const malformed = await join(c, { email: 'not-an-address', name: 'X', consent: 'yes' });
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.body, /aria-invalid="true"/);
    const noConsent = await join(c, { email: 'noconsent@example.com' });
    assert.equal(noConsent.statusCode, 400);
    assert.match(noConsent.body, /Please tick the box/);
    assert.equal(await member('noconsent@example.com'), undefined);
    const noCsrf = await c.postForm('/join', { email: 'x@example.com', consent: 'yes' }, { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
    const garbage = await t.app.inject({
      method: 'POST',
      url: '/join',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      payload: '{"email":',
    });
    assert.ok(garbage.statusCode >= 400 && garbage.statusCode < 500, `got ${garbage.statusCode}`);
  });

  test('sign-up stores the consent proof, the link confirms only by POST and only once', async () => {
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/join',
      { email: ' Ada@Example.com ', name: 'Ada', consent: 'yes' },
      { formPage: '/join' },
    );
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Please check your inbox/);
    const m = await member('ada@example.com');
    assert.ok(m);
    assert.equal(m.email_status, 'pending');
    assert.equal(m.confirmed_at, null);
    assert.equal(m.name, 'Ada');
    const consent = await db()
      .selectFrom('member_consents')
      .selectAll()
      .where('member_id', '=', m.id)
      .executeTakeFirstOrThrow();
    assert.match(consent.text, /^Yes, I would like to receive the newsletter of Test Store/);
    assert.equal(consent.text_version, NEWSLETTER_CONSENT_VERSION);
    assert.equal(consent.ip, '127.0.0.1');
    assert.equal(consent.user_agent, 'lightMyRequest');
    assert.equal(consent.confirmed_at, null);
    const token = await db()
      .selectFrom('member_tokens')
      .selectAll()
      .where('member_id', '=', m.id)
      .executeTakeFirstOrThrow();
    assert.equal(token.purpose, 'confirm');
    assert.match(token.id, /^[0-9a-f]{64}$/, 'only the SHA-256 is stored');

    const link = await confirmLink('ada@example.com');
    assert.ok(!link.includes(token.id));
    // Opening the link (as a mail scanner would) changes nothing.
    const page = await c.get(link);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirm my subscription/);
    assert.equal((await member('ada@example.com'))?.email_status, 'pending');

    const confirmed = await c.postForm(link, {}, { formPage: link });
    assert.equal(confirmed.statusCode, 200);
    assert.match(confirmed.body, /You are subscribed/);
    const after = await member('ada@example.com');
    assert.equal(after?.email_status, 'subscribed');
    assert.ok(after?.confirmed_at);
    const c2 = await db()
      .selectFrom('member_consents')
      .selectAll()
      .where('member_id', '=', m.id)
      .executeTakeFirstOrThrow();
    assert.ok(c2.confirmed_at);
    assert.ok(c.cookieHeader.includes('vf_customer='), 'the confirmed reader is signed in');

    const again = await new TestClient(t.app).get(link);
    assert.equal(again.statusCode, 410, 'a used link no longer works');
    const reuse = await new TestClient(t.app).postForm(
      link,
      {},
      { csrf: await new TestClient(t.app).csrfFrom('/join') },
    );
    assert.ok(reuse.statusCode === 410 || reuse.statusCode === 403);
  });

  test('expired and unknown links show the dead-link page, never a 500', async () => {
    const c = new TestClient(t.app);
    await join(c, { email: 'late@example.com', consent: 'yes' });
    const link = await confirmLink('late@example.com');
    await db().updateTable('member_tokens').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    assert.equal((await c.get(link)).statusCode, 410);
    assert.equal((await c.postForm(link, {}, { csrf: await c.csrfFrom('/join') })).statusCode, 410);
    assert.equal((await c.get('/join/confirm/short')).statusCode, 410);
    const long = (await c.get(`/join/confirm/${'x'.repeat(300)}`)).statusCode;
    assert.ok(long >= 400 && long < 500, `got ${long}`);
    assert.equal((await member('late@example.com'))?.email_status, 'pending');
  });

  test('new and subscribed addresses get the same answer; a subscribed one gets a sign-in link, not a second confirmation', async () => {
    const c = new TestClient(t.app);
    await join(c, { email: 'twice@example.com', consent: 'yes' });
    await c.postForm(await confirmLink('twice@example.com'), {}, { formPage: '/join' });
    const before = (await emailsTo(t.services, 'twice@example.com')).length;
    const known = await join(new TestClient(t.app), { email: 'twice@example.com', consent: 'yes' });
    const fresh = await join(new TestClient(t.app), { email: 'fresh@example.com', consent: 'yes' });
    assert.equal(known.statusCode, 200);
    assert.equal(mainOf(known.body), mainOf(fresh.body));
    const mails = await emailsTo(t.services, 'twice@example.com');
    assert.equal(mails.length, before + 1);
    assert.equal(mails.at(-1)?.template, 'library-login');
    const signIn = pathsIn(mails.at(-1)!.text, t.services.config.publicUrl).find((p) => p.startsWith('/library/auth/'));
    assert.ok(signIn);
    const device = new TestClient(t.app);
    assert.equal((await device.postForm(signIn, {}, { formPage: signIn })).statusCode, 303);
    assert.ok(device.cookieHeader.includes('vf_customer='), 'the member is signed in on the new device');
    // Repeated sign-ups within minutes do not mail-bomb a pending or subscribed address.
    await join(new TestClient(t.app), { email: 'fresh@example.com', consent: 'yes' });
    await join(new TestClient(t.app), { email: 'twice@example.com', consent: 'yes' });
    assert.equal((await emailsTo(t.services, 'fresh@example.com')).length, 1);
    assert.equal((await emailsTo(t.services, 'twice@example.com')).length, before + 1);
  });

  test('unsubscribe by signed link (page + one-click POST without CSRF), bad signature refused, resubscribe', async () => {
    // Signed up without HTTP, to spare the per-IP rate limit.
    await signUp(db(), { ...SIGNUP, email: 'bob@example.com', name: 'Bob', publicUrl: t.services.config.publicUrl });
    const c = new TestClient(t.app);
    await c.postForm(await confirmLink('bob@example.com'), {}, { formPage: '/join' });
    const m = (await member('bob@example.com'))!;
    const path = unsubscribePath(t.services.config.sessionSecret, m.id);

    const bad = await new TestClient(t.app).get(path.replace(/s=.*/, 's=forged'));
    assert.equal(bad.statusCode, 403);
    const badPost = await t.app.inject({
      method: 'POST',
      url: path.replace(/s=.*/, 's=forged'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(badPost.statusCode, 403);
    assert.equal((await member('bob@example.com'))?.email_status, 'subscribed');

    const page = await new TestClient(t.app).get(path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, />Unsubscribe</);
    assert.equal((await member('bob@example.com'))?.email_status, 'subscribed', 'opening the page changes nothing');

    // RFC 8058: the mail provider posts without cookies or token.
    const oneClick = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.statusCode, 200);
    // Some providers send the one-click body as multipart/form-data.
    const boundary = 'x-boundary';
    const multipart = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    assert.equal(multipart.statusCode, 200);
    const after = (await member('bob@example.com'))!;
    assert.equal(after.email_status, 'unsubscribed');
    assert.ok(after.unsubscribed_at);
    const consents = await db().selectFrom('member_consents').selectAll().where('member_id', '=', m.id).execute();
    assert.ok(consents.every((x) => x.withdrawn_at !== null));

    // Other paths stay CSRF-protected: resubscribing without a token is refused.
    const resubPath = path.replace('?', '/resubscribe?');
    const noToken = await new TestClient(t.app).postForm(resubPath, { consent: 'yes' }, { csrf: null });
    assert.equal(noToken.statusCode, 403);
    const r = new TestClient(t.app);
    const noConsent = await r.postForm(resubPath, {}, { formPage: path });
    assert.equal(noConsent.statusCode, 400);
    const back = await r.postForm(resubPath, { consent: 'yes' }, { formPage: path });
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /Welcome back/);
    assert.equal((await member('bob@example.com'))?.email_status, 'subscribed');
    const open = await db()
      .selectFrom('member_consents')
      .selectAll()
      .where('member_id', '=', m.id)
      .where('withdrawn_at', 'is', null)
      .execute();
    assert.equal(open.length, 1);
    assert.ok(open[0]?.confirmed_at);
  });

  test('German texts', async () => {
    const res = await new TestClient(t.app).get('/join', { cookie: 'vf_lang=de' });
    assert.match(res.body, /Newsletter abonnieren/);
    assert.match(res.body, /Ja, ich möchte den Newsletter von Test Store per E-Mail erhalten/);
  });
});

describe('newsletter sign-up rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('sign-ups are limited per IP: the eleventh within ten minutes gets 429, not an email', async () => {
    const c = new TestClient(t.app);
    const token = await c.csrfFrom('/join');
    for (let i = 0; i < 10; i++) {
      const res = await c.postForm('/join', { email: `n${i}@example.com`, consent: 'yes' }, { csrf: token });
      assert.equal(res.statusCode, 200);
    }
    const limited = await c.postForm('/join', { email: 'n10@example.com', consent: 'yes' }, { csrf: token });
    assert.equal(limited.statusCode, 429);
    assert.equal((await emailsTo(t.services, 'n10@example.com')).length, 0);
  });
});
