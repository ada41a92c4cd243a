import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { emailsTo, pathsIn } from '../delivery/testing.js';
import { readerCookie, seedMember, seedTier } from '../posts/testing.js';

const mainOf = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';

describe('library sign-in for members without purchases', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await seedTier(t.services.database.db, { name: 'Readers', free: true });
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  const ask = (c: TestClient, email: string) => c.postForm('/library/login', { email }, { formPage: '/library' });

  test('a confirmed member gets a link; a pending sign-up and a stranger get the same answer and no email', async () => {
    await seedMember(db(), { email: 'free-member@example.com', name: 'Fay' });
    await seedMember(db(), { email: 'pending-member@example.com', status: 'pending', confirmed: false });
    const c = new TestClient(t.app);
    const member = await ask(c, 'Free-Member@example.com');
    const pending = await ask(c, 'pending-member@example.com');
    const stranger = await ask(c, 'nobody-here@example.com');
    for (const res of [member, pending, stranger]) assert.equal(res.statusCode, 200);
    assert.match(member.body, /If purchases or a membership exist for this address/);
    assert.equal(mainOf(member.body), mainOf(pending.body));
    assert.equal(mainOf(member.body), mainOf(stranger.body));
    assert.equal((await emailsTo(t.services, 'pending-member@example.com')).length, 0);
    assert.equal((await emailsTo(t.services, 'nobody-here@example.com')).length, 0);
    const mails = await emailsTo(t.services, 'free-member@example.com');
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.template, 'library-login');
  });

  test('an unsubscribed member can still sign in (membership is more than the newsletter)', async () => {
    await seedMember(db(), { email: 'quiet-member@example.com', status: 'unsubscribed' });
    await ask(new TestClient(t.app), 'quiet-member@example.com');
    assert.equal((await emailsTo(t.services, 'quiet-member@example.com')).length, 1);
  });

  test('the link signs the member in; the portal shows the free tier and the newsletter status', async () => {
    const mails = await emailsTo(t.services, 'free-member@example.com');
    const link = pathsIn(mails.at(-1)!.text, t.services.config.publicUrl).find((p) => p.startsWith('/library/auth/'))!;
    const c = new TestClient(t.app);
    assert.equal((await c.get(link)).statusCode, 200);
    const signed = await c.postForm(link, {}, { formPage: link });
    assert.equal(signed.statusCode, 303);
    const library = await c.get('/library');
    assert.equal(library.statusCode, 200);
    assert.match(library.body, /Signed in as free-member@example\.com/);
    assert.match(library.body, /href="\/library\/membership"/);

    const portal = await c.get('/library/membership');
    assert.equal(portal.statusCode, 200);
    const main = mainOf(portal.body);
    assert.match(main, /<h2 id="h-free-tier">Readers<\/h2>/);
    assert.match(main, /Newsletter: Subscribed/i);
    assert.match(main, /href="\/unsubscribe\/[0-9a-f-]{36}\?s=[A-Za-z0-9_-]+"/);
    assert.match(main, /href="\/membership"/);

    // In German too.
    const de = await c.get('/library/membership', { cookie: `${c.cookieHeader}; vf_lang=de` });
    assert.match(mainOf(de.body), /Kostenlos/);
  });

  test('a pending sign-up signed in some other way sees no free tier', async () => {
    const cookie = await readerCookie(db(), 'pending-member@example.com');
    const portal = await new TestClient(t.app).get('/library/membership', { cookie });
    assert.equal(portal.statusCode, 200);
    assert.doesNotMatch(portal.body, /h-free-tier/);
  });
});
