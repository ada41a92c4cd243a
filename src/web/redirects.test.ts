// Redirect targets taken from a request (`back`, `next`) stay on this site,
// whatever a stranger puts into them; checked on the function and over real HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp } from '../testing/app.js';
import { HttpClient, httpRequest, listenLocal } from '../testing/http.js';
import { safeLocalPath } from './render.js';

/** Values as the route sees them (already decoded once from the query string or form). */
const LEAVING = [
  '/\t/evil.example/x',
  '/%09/evil.example/x',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/x\r\nSet-Cookie: a=b',
  '/x%0d%0aSet-Cookie: a=b',
  '/\\evil.example',
  '/%5Cevil.example',
  '/\\/evil.example',
  '//evil.example',
  '///evil.example',
  '/%2F%2Fevil.example',
  '/%2f/evil.example',
  '/.//evil.example',
  '/a/..//evil.example',
  '/%2e%2e//evil.example',
  'http://evil.example',
  'https:evil.example',
  'javascript:alert(1)',
  ' /admin',
  'admin',
  '',
  '/\u0000x',
  '/\u007fx',
  '/\u0085x',
  '/100%',
  `/${'a'.repeat(2001)}`,
];

test('safeLocalPath refuses everything a browser could read as another host', () => {
  for (const value of LEAVING) assert.equal(safeLocalPath(value), '/', JSON.stringify(value));
  for (const value of [undefined, null, 42, ['/admin'], { path: '/admin' }]) assert.equal(safeLocalPath(value), '/');
  assert.equal(safeLocalPath('//evil.example', ''), '', 'the fallback is the caller’s');
});

test('safeLocalPath keeps local paths, encoded so they are always a valid header', () => {
  assert.equal(safeLocalPath('/admin/login'), '/admin/login');
  assert.equal(safeLocalPath('/'), '/');
  assert.equal(safeLocalPath('/admin/products?status=draft&page=2#list'), '/admin/products?status=draft&page=2#list');
  assert.equal(safeLocalPath('/p/mein-buch?q=a b'), '/p/mein-buch?q=a%20b');
  assert.equal(safeLocalPath('/p/grüße'), '/p/gr%C3%BC%C3%9Fe');
  assert.equal(safeLocalPath('/p/€'), '/p/%E2%82%AC');
  assert.equal(safeLocalPath('/a/./b/../c'), '/a/c');
});

describe('redirects built from request input, over HTTP', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    base = await listenLocal(t.app);
  });
  after(() => t.close());

  test('the language switch sends every foreign-looking `back` home', async () => {
    const raw = [
      '/%09/evil.example/x',
      '/%2509/evil.example/x',
      '%2F%09%2Fevil.example',
      '/%0d%0aSet-Cookie:%20injected=1',
      '%0d%0a',
      '/%5Cevil.example',
      '/\\evil.example',
      '//evil.example',
      '/%2F%2Fevil.example',
      '/.//evil.example',
      'http://evil.example',
      'javascript:alert(1)',
    ];
    for (const back of raw) {
      const r = await httpRequest(base, `/lang/en?back=${back}`);
      assert.equal(r.status, 303, back);
      assert.equal(r.location, '/', back);
      assert.doesNotMatch(String(r.headers['set-cookie']), /injected/);
    }
  });

  test('the language switch returns to local pages, also with characters beyond Latin-1', async () => {
    const r = await httpRequest(base, `/lang/de?back=${encodeURIComponent('/admin/products?status=draft')}`);
    assert.equal(r.status, 303);
    assert.equal(r.location, '/admin/products?status=draft');
    const euro = await httpRequest(base, `/lang/de?back=${encodeURIComponent('/p/€-preis')}`);
    assert.equal(euro.status, 303);
    assert.equal(euro.location, '/p/%E2%82%AC-preis');
  });

  test('the login page drops a foreign `next`, and signing in never leaves the site', async () => {
    const page = await httpRequest(base, '/admin/login?next=/%09/evil.example/x');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /name="next"/);
    const kept = await httpRequest(base, '/admin/login?next=%2Fadmin%2Forders');
    assert.match(kept.body, /name="next" value="\/admin\/orders"/);

    for (const next of ['/\t/evil.example/x', '/\\evil.example', '/%2F%2Fevil.example', '/x\r\nLocation: //evil']) {
      const c = new HttpClient(base);
      const wrong = await c.postForm('/admin/login', { ...TEST_ADMIN, password: 'wrong password', next });
      assert.equal(wrong.status, 401);
      assert.doesNotMatch(wrong.body, /evil/, 'the re-shown form does not carry it on');
      const r = await c.postForm('/admin/login', { ...TEST_ADMIN, next });
      assert.equal(r.status, 303, JSON.stringify(next));
      assert.equal(r.location, '/admin', JSON.stringify(next));
    }
    const c = new HttpClient(base);
    const r = await c.postForm('/admin/login', { ...TEST_ADMIN, next: '/admin/orders?status=paid' });
    assert.equal(r.location, '/admin/orders?status=paid');
  });
});
