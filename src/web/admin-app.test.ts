// The admin in an app of its own, built on the first request under /admin (admin-app.ts):
// the hand-over itself over real HTTP with small apps, then the store's two apps.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../testing/app.js';
import { httpRequest, listenLocal } from '../testing/http.js';
import { handOverAdminRequests, isAdminUrl } from './admin-app.js';

/** A public app whose admin app answers every request with what it received. */
async function appsWithCountedBuilds(failFirst = false) {
  const counts = { builds: 0, adminClosed: 0 };
  const buildAdmin = async () => {
    counts.builds++;
    // Slow enough that concurrent first requests all arrive while it builds.
    await new Promise((r) => setTimeout(r, 50));
    if (failFirst && counts.builds === 1) throw new Error('module not found');
    const admin = Fastify();
    await admin.register(formbody);
    admin.addHook('onClose', async () => {
      counts.adminClosed++;
    });
    admin.all('/admin/*', async (req) => ({ app: 'admin', url: req.url, body: req.body ?? null }));
    await admin.ready();
    return admin;
  };
  const app = Fastify();
  handOverAdminRequests(app, buildAdmin);
  app.get('/*', async (req) => ({ app: 'public', url: req.url }));
  const base = await listenLocal(app);
  return { app, base, counts };
}

describe('handing /admin over to the admin app', () => {
  test('which URLs are the admin', () => {
    for (const url of ['/admin', '/admin/', '/admin/products', '/admin?next=%2F'])
      assert.equal(isAdminUrl(url), true, url);
    for (const url of ['/', '/administration', '/adminx', '/p/admin', '/library/admin'])
      assert.equal(isAdminUrl(url), false, url);
  });

  test('is built once by concurrent first requests, answers them all, and leaves other URLs alone', async () => {
    const { app, base, counts } = await appsWithCountedBuilds();
    try {
      assert.equal(counts.builds, 0, 'nothing is built before the first admin request');
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => httpRequest(base, `/admin/page-${i}?q=${i}`)),
      );
      assert.equal(counts.builds, 1);
      answers.forEach((a, i) => {
        assert.equal(a.status, 200);
        assert.deepEqual(JSON.parse(a.body), { app: 'admin', url: `/admin/page-${i}?q=${i}`, body: null });
      });
      const pub = await httpRequest(base, '/administration');
      assert.deepEqual(JSON.parse(pub.body), { app: 'public', url: '/administration' });
      await httpRequest(base, '/admin/again');
      assert.equal(counts.builds, 1, 'later requests use the built app');
    } finally {
      await app.close();
    }
    assert.equal(counts.adminClosed, 1, 'closing the public app closes the admin app');
  });

  test("a form's body reaches the admin app unread", async () => {
    const { app, base } = await appsWithCountedBuilds();
    try {
      const posted = await httpRequest(base, '/admin/form', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'title=K%C3%A4se&price=12%2C50',
      });
      assert.equal(posted.status, 200);
      assert.deepEqual(JSON.parse(posted.body).body, { title: 'Käse', price: '12,50' });
    } finally {
      await app.close();
    }
  });

  test('a build that fails answers 503 as problem+json, and the next request builds again', async () => {
    const { app, base, counts } = await appsWithCountedBuilds(true);
    try {
      const failed = await httpRequest(base, '/admin/x');
      assert.equal(failed.status, 503);
      assert.equal(failed.headers['content-type'], 'application/problem+json');
      assert.equal(JSON.parse(failed.body).status, 503);
      const next = await httpRequest(base, '/admin/x');
      assert.equal(next.status, 200);
      assert.equal(counts.builds, 2);
    } finally {
      await app.close();
    }
  });
});

describe("the store's public app and its admin app", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('the public app has no route under /admin: the admin routes are not loaded with it', () => {
    const tree = t.app.printRoutes({ commonPrefix: false });
    assert.match(tree, /p\/:slug \(GET\)/, 'the printed tree lists the routes');
    assert.doesNotMatch(tree, /admin/);
  });

  test('the admin answers through the public app with its own plugins: headers, CSRF, sign-in', async () => {
    const login = await t.app.inject({ method: 'GET', url: '/admin/login', headers: { 'x-request-id': 'admin-1' } });
    assert.equal(login.statusCode, 200);
    assert.equal(login.headers['x-request-id'], 'admin-1');
    assert.match(String(login.headers['content-security-policy']), /default-src 'self'/);
    assert.match(login.body, /name="_csrf"/);
    const admin = new TestClient(t.app);
    assert.equal((await admin.login()).statusCode, 303);
    const products = await admin.get('/admin/products');
    assert.equal(products.statusCode, 200);
    const noToken = await admin.postForm('/admin/products', { title: 'x' }, { csrf: null });
    assert.equal(noToken.statusCode, 403, 'a form without the CSRF token is refused by the admin app too');
    const missing = await admin.get('/admin/no-such-page');
    assert.equal(missing.statusCode, 404);
  });
});
