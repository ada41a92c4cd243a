import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';

let t: TestApp;
let admin: TestClient;
before(async () => {
  t = await buildTestApp();
  await setUpStore(t.services);
  admin = new TestClient(t.app);
  await admin.login();
});
after(() => t.close());

const currentLinks = (html: string) => [...html.matchAll(/<a href="([^"]+)" aria-current="page"/g)].map((m) => m[1]);

test('the admin menu marks one link as the current page: the most specific section', async () => {
  assert.deepEqual(currentLinks((await admin.get('/admin/affiliates/payouts')).body), ['/admin/affiliates/payouts']);
  assert.deepEqual(currentLinks((await admin.get('/admin/affiliates')).body), ['/admin/affiliates']);
  assert.deepEqual(currentLinks((await admin.get('/admin')).body), ['/admin']);
});
