import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../testing/app.js';
import { LOCALES, negotiateLocale } from './i18n.js';
import { allMessages, keysDefinedTwice } from './messages.js';
import { shellMessages } from './shell-messages.js';

type Bundle = { en: Record<string, string> };

test('every text exists, non-empty, in English and German', () => {
  const all = allMessages();
  const en = Object.keys(all.en).sort();
  assert.deepEqual(Object.keys(all.de).sort(), en);
  for (const l of LOCALES) for (const k of en) assert.ok(all[l][k]?.trim(), `${l}:${k} is empty`);
  const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
  for (const k of en) assert.equal(placeholders(all.de[k]!), placeholders(all.en[k]!), `placeholders of ${k}`);
});

test('no text key is defined by two features (one would silently replace the other)', () => {
  assert.deepEqual(keysDefinedTwice(), []);
});

test("each feature's texts live under its own namespace (the folder's name) and are registered", async () => {
  const features = new URL('../features/', import.meta.url);
  const all = allMessages();
  const folders = readdirSync(features).filter((d) => existsSync(new URL(`${d}/messages.ts`, features)));
  assert.ok(folders.length > 10, 'feature texts found');
  for (const folder of folders) {
    const namespace = folder.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const module = (await import(new URL(`${folder}/messages.js`, features).href)) as Record<string, Bundle>;
    for (const bundle of Object.values(module)) {
      const foreign = Object.keys(bundle.en).filter((k) => !k.startsWith(`${namespace}.`));
      assert.deepEqual(foreign, [], `${folder}: keys outside "${namespace}."`);
      const unregistered = Object.keys(bundle.en).filter((k) => !(k in all.en));
      assert.deepEqual(unregistered, [], `${folder}: texts not in the dictionary`);
    }
  }
  const shellOnly = Object.keys(shellMessages.en).filter((k) => !/^(shell|error|form|amount)\./.test(k));
  assert.deepEqual(shellOnly, [], 'the shell keeps to its own prefixes');
});

test('Accept-Language picks the best supported language', () => {
  assert.equal(negotiateLocale('de-AT,de;q=0.9,en;q=0.8', 'en'), 'de');
  assert.equal(negotiateLocale('fr-FR,fr;q=0.9,en;q=0.5', 'de'), 'en');
  assert.equal(negotiateLocale('fr', 'de'), 'de');
  assert.equal(negotiateLocale(undefined, 'en'), 'en');
  assert.equal(negotiateLocale('en;q=0.2,de;q=0.9', 'en'), 'de');
});

describe('web shell', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('healthz checks the database', async () => {
    const r = await t.app.inject('/healthz');
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().status, 'ok');
  });

  test('unknown pages: a localised HTML page for browsers, problem+json for the API', async () => {
    const html = await t.app.inject({ url: '/nope', headers: { accept: 'text/html', 'accept-language': 'de' } });
    assert.equal(html.statusCode, 404);
    assert.match(html.headers['content-type'] as string, /text\/html/);
    assert.match(html.body, /Seite nicht gefunden/);
    const api = await t.app.inject({ url: '/api/v1/nope' });
    assert.equal(api.statusCode, 404);
    assert.match(api.headers['content-type'] as string, /application\/problem\+json/);
    assert.deepEqual(api.json(), {
      type: 'about:blank#not_found',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      instance: '/api/v1/nope',
    });
  });

  test('security headers and a CSP on every page', async () => {
    const r = await t.app.inject('/');
    assert.equal(r.statusCode, 200);
    const csp = r.headers['content-security-policy'] as string;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.ok(r.headers['x-request-id']);
  });

  test('language switch sets a cookie and only redirects within the site', async () => {
    const c = new TestClient(t.app);
    const r = await c.get('/lang/de?back=/admin/login');
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, '/admin/login');
    assert.match((await c.get('/admin/login')).body, /Anmelden/);
    assert.equal((await c.get('/lang/de?back=https://evil.example.com')).headers.location, '/');
    assert.equal((await c.get('/lang/de?back=//evil.example.com')).headers.location, '/');
    assert.equal((await c.get('/lang/xx')).statusCode, 400);
  });

  test('text is escaped in pages', async () => {
    await setUpStore(t.services);
    await t.services.database.db
      .updateTable('settings')
      .set({ value: '<script>alert(1)</script>' })
      .where('key', '=', 'store.name')
      .execute();
    const { clearSettingsCache } = await import('../features/settings/store-settings.js');
    clearSettingsCache();
    const r = await t.app.inject('/');
    assert.doesNotMatch(r.body, /<script>alert/);
    assert.match(r.body, /&lt;script>alert\(1\)&lt;\/script>/);
  });

  test('assets and favicon are served', async () => {
    assert.equal((await t.app.inject('/assets/app.css')).statusCode, 200);
    assert.equal((await t.app.inject('/favicon.ico')).statusCode, 301);
  });
});
