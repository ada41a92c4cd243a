import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp, TestClient } from '../../testing/app.js';
import { demoContentOf } from '../index.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { completeSetup, ensureSetupCode } from './complete-setup.js';
import { DEMO_ADMIN_EMAIL, ensureDemoStore, setUpDemoStore } from './demo-store.js';

const FORM = {
  email: 'Owner@Example.com',
  password: 'a good long password',
  storeName: 'Backstube Müller',
  locale: 'de',
  currency: 'EUR',
  demo: '1',
};

describe('first-time set-up', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('a new store sends visitors to the set-up page', async () => {
    const c = new TestClient(t.app);
    assert.equal((await c.get('/')).headers.location, '/setup');
    assert.equal((await c.get('/admin')).statusCode, 303);
    const page = await c.get('/setup?code=abc');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="abc"/);
  });

  test('wrong code and bad fields show form errors and change nothing', async () => {
    await ensureSetupCode(t.services.database.db);
    const r = await new TestClient(t.app).postForm('/setup', {
      ...FORM,
      code: 'wrong',
      email: 'nope',
      password: 'short',
      storeName: '',
    });
    assert.equal(r.statusCode, 400);
    for (const msg of [
      /set-up code is not right/,
      /valid email address/,
      /at least 10 characters/,
      /enter a store name/,
    ]) {
      assert.match(r.body, msg);
    }
    assert.equal((await getStoreSettings(t.services.database.db, Date.now() + 60_000)).setupCompleted, false);
    const n = await t.services.database.db
      .selectFrom('admin_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    assert.equal(Number(n?.n), 0);
  });

  test('the right code creates owner and store, logs in, and cannot be repeated', async () => {
    const code = await ensureSetupCode(t.services.database.db);
    const c = new TestClient(t.app);
    const r = await c.postForm('/setup', { ...FORM, code });
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, '/admin');
    const dash = await c.get('/admin');
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /owner@example\.com/);
    const s = await getStoreSettings(t.services.database.db, Date.now() + 60_000);
    assert.deepEqual(s, {
      storeName: 'Backstube Müller',
      locale: 'de',
      currency: 'EUR',
      setupCompleted: true,
      timeZone: 'Europe/Berlin',
    });

    const again = await new TestClient(t.app).postForm(
      '/setup',
      { ...FORM, code, email: 'attacker@example.com' },
      { formPage: '/admin/login' },
    );
    assert.equal(again.headers.location, '/admin');
    const admins = await t.services.database.db.selectFrom('admin_users').select('email').execute();
    assert.deepEqual(
      admins.map((a) => a.email),
      ['owner@example.com'],
    );
    const home = await new TestClient(t.app).get('/', { 'accept-language': 'en' });
    assert.match(home.body, /Backstube Müller/);
  });
});

describe('set-up races and demo mode', () => {
  test('two concurrent set-ups: exactly one wins', async () => {
    const t = await buildTestApp();
    try {
      const db = t.services.database.db;
      const opts = {
        password: 'a good long password',
        storeName: 'S',
        locale: 'en',
        currency: 'EUR',
        demo: false,
      } as const;
      const results = await Promise.all([
        completeSetup(db, { ...opts, email: 'a@example.com' }),
        completeSetup(db, { ...opts, email: 'b@example.com' }),
      ]);
      assert.deepEqual(results.map((r) => r.kind).sort(), ['already-done', 'ok']);
      const admins = await db.selectFrom('admin_users').select('email').execute();
      assert.equal(admins.length, 1);
    } finally {
      await t.close();
    }
  });

  test('VIELFACH_DEMO creates a demo store once and keeps its login', async () => {
    const t = await buildTestApp();
    try {
      const first = await ensureDemoStore(t.services.database.db);
      const second = await ensureDemoStore(t.services.database.db);
      assert.equal(first.email, DEMO_ADMIN_EMAIL);
      assert.deepEqual(second, first);
      const login = await new TestClient(t.app).login(first.email, first.password);
      assert.equal(login.headers.location, '/admin');
    } finally {
      await t.close();
    }
  });

  test('VIELFACH_DEMO=de: the demo store speaks German, its products and posts too', async () => {
    const t = await buildTestApp();
    try {
      await setUpDemoStore(t.services, { content: demoContentOf(), locale: 'de' });
      const db = t.services.database.db;
      assert.equal((await getStoreSettings(db)).locale, 'de');
      const titles = (await db.selectFrom('products').select('title').execute()).map((p) => p.title);
      assert.ok(titles.includes('Das Sauerteig-Handbuch'), titles.join(', '));
      const home = await t.app.inject({ url: '/', headers: { 'accept-language': 'de' } });
      assert.match(home.body, /Sauerteig/);
      assert.doesNotMatch(home.body, /Sourdough/);
      // The home page opens with a welcome the creator would write, not only the store's name.
      assert.match(home.body, /<h2 id="h-welcome">Brot, Pläne und Werkzeuge, einmal gemacht für viele<\/h2>/);
    } finally {
      await t.close();
    }
  });
});
