// Days in query strings and forms outside the effort page: a day that does not
// exist is treated like any other malformed filter, never a server error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../src/testing/app.js';
import { HttpClient } from '../src/testing/http.js';

describe('days that do not exist in filters and reports', () => {
  let t: TestApp;
  let admin: HttpClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = await HttpClient.listen(t.app);
    await admin.login();
  });
  after(() => t.close());

  test('the invoice period and its exports fall back to the current quarter for 2026-02-31 or 2026-13-45', async () => {
    for (const q of ['from=2026-02-31&to=2026-13-45', 'from=2026-01-01&to=2026-13-45', 'from=2026-13-45']) {
      const page = await admin.get(`/admin/invoices?${q}`);
      assert.equal(page.status, 200, q);
      const csv = await admin.get(`/admin/invoices/export.csv?${q}`);
      assert.ok(csv.status < 500, `${q}: ${csv.status}`);
    }
  });

  test('the members and orders filters answer a day that does not exist without a server error', async () => {
    for (const path of [
      '/admin/members?from=2026-02-31&to=2026-13-45',
      '/admin/members/export.csv?from=2026-02-31',
      '/admin/orders?from=2026-02-31&to=2026-13-45',
      '/admin/orders.csv?from=2026-02-31',
    ]) {
      const res = await admin.get(path);
      assert.ok(res.status < 500, `${path}: ${res.status}`);
    }
  });

  test('the member import refuses a consent date that does not exist instead of moving it to another day', async () => {
    const csv = 'email,consent given at\nok@example.com,2026-03-01T08:30:00Z\nfeb@example.com,2026-02-31\n';
    const res = await admin.postMultipart(
      '/admin/members/import',
      {},
      [{ name: 'file', filename: 'members.csv', content: csv, type: 'text/csv' }],
      { formPage: '/admin/members' },
    );
    assert.equal(res.status, 200);
    assert.match(res.body, /1 members imported, 1 rows skipped/);
    assert.match(res.body, /Line 3:[^<]*2026-02-31/);
    const { db } = t.services.database;
    const rows = await db.selectFrom('members').select('email').orderBy('email').execute();
    assert.deepEqual(rows, [{ email: 'ok@example.com' }]);
  });
});
