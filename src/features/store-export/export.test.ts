import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isoNow } from '../../db/time.js';
import { setUpStore, TEST_ADMIN, type TestApp, TestClient } from '../../testing/app.js';
import { HttpClient } from '../../testing/http.js';
import { buildLicensingTestApp, seedLicensedPurchase } from '../licensing/testing.js';
import { createEndpoint } from '../webhooks/endpoints.js';
import { JSON_FILE, storeExportZip } from './archive.js';
import { rowsOf } from './rows.js';
import { EXPORT_TABLES } from './tables.js';

const TRICKY_NAME = 'Doe, "Jo"\nJunior';
const FORMULA_TITLE = '=HYPERLINK("https://evil.example")';
const API_TOKEN_HASH = 'apitokenhash0123456789abcdef0123456789abcdef';

/** RFC 4180 rows of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) cell += c;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('exporting everything', () => {
  let t: TestApp;
  let dir: string;
  let zipPath: string;
  let zipBytes: Buffer;
  const entry = (name: string) => execFileSync('unzip', ['-p', zipPath, name]).toString('utf8');
  let secrets: string[];

  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
    const { db } = t.services.database;
    const p = await seedLicensedPurchase(t.services, { quantity: 3 });
    await db.updateTable('orders').set({ name: TRICKY_NAME }).where('id', '=', p.orderId).execute();
    await db.updateTable('products').set({ title: FORMULA_TITLE }).where('id', '=', p.productId).execute();
    await createEndpoint(db, { url: 'https://example.com/hook', description: '', events: [] }, 'owner@example.com');
    await db
      .insertInto('api_tokens')
      .values({
        id: crypto.randomUUID(),
        name: 'CI',
        display_prefix: 'vf_live_abcd',
        token_hash: API_TOKEN_HASH,
        scopes: '[]',
        test_mode: 0,
        expires_at: null,
        last_used_at: null,
        revoked_at: null,
        created_at: isoNow(),
        created_by: 'owner@example.com',
      } as never)
      .execute();
    const [admin, hook, order, key] = await Promise.all([
      db.selectFrom('admin_users').select('password_hash').executeTakeFirstOrThrow(),
      db.selectFrom('webhook_endpoints').select('secret').executeTakeFirstOrThrow(),
      db.selectFrom('orders').select('access_key').where('id', '=', p.orderId).executeTakeFirstOrThrow(),
      db.selectFrom('license_keys').select('key_hash').executeTakeFirstOrThrow(),
    ]);
    // The licence keys themselves are exported (buyers keep using them elsewhere); their hashes are not.
    secrets = [admin.password_hash, hook.secret, order.access_key, key.key_hash, API_TOKEN_HASH];
    assert.ok(
      secrets.every((s) => typeof s === 'string' && s.length >= 16),
      'every secret is known',
    );

    // Over real HTTP: the ZIP is streamed to a socket, not buffered by inject.
    const browser = await HttpClient.listen(t.app);
    await browser.postForm('/admin/login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    const page = await browser.get('/admin/export');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const res = await fetch(`${browser.base}/admin/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookieHeader },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    assert.match(
      String(res.headers.get('content-disposition')),
      /attachment; filename="vielfach-export-\d{4}-\d\d-\d\d\.zip"/,
    );
    zipBytes = Buffer.from(await res.arrayBuffer());
    dir = mkdtempSync(join(tmpdir(), 'export-test-'));
    zipPath = join(dir, 'export.zip');
    writeFileSync(zipPath, zipBytes);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  test('the ZIP opens and holds one CSV per table and the JSON archive', () => {
    const names = execFileSync('unzip', ['-Z1', zipPath]).toString('utf8').trim().split('\n');
    assert.deepEqual(names, [...EXPORT_TABLES.map((x) => `${x.file}.csv`), JSON_FILE]);
    execFileSync('unzip', ['-tq', zipPath]);
  });

  test('a CSV starts with a BOM and round-trips a name with a comma, a quote and a line break', () => {
    const text = entry('orders.csv');
    assert.ok(text.startsWith('\ufeff'));
    const [header, ...rows] = parseCsv(text.slice(1));
    assert.equal(rows.length, 1);
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    assert.equal(row.name, TRICKY_NAME);
    assert.match(row.total_minor!, /^\d+$/);
    assert.equal(row.currency, 'EUR');
  });

  test('a cell a spreadsheet would run as a formula is defused', () => {
    const [header, row] = parseCsv(entry('products.csv').slice(1));
    assert.equal(row![header!.indexOf('title')], `'${FORMULA_TITLE}`);
    assert.equal(JSON.parse(entry(JSON_FILE)).tables.products[0].title, FORMULA_TITLE);
  });

  test('no secret appears anywhere in the archive', () => {
    const all = execFileSync('unzip', ['-p', zipPath]).toString('utf8');
    assert.ok(all.includes('Test Store'));
    for (const s of secrets) assert.equal(all.includes(s), false, `a secret leaked: ${s.slice(0, 8)}…`);
    for (const column of ['password_hash', 'token_hash', 'key_hash', 'access_key', 'secret', 'totp'])
      assert.equal(all.includes(column), false, column);
  });

  test('the allow-list names no secret column', () => {
    const risky = EXPORT_TABLES.flatMap((x) =>
      x.columns.filter((c) => /hash|secret|token|password|totp|access_key/.test(c)),
    );
    assert.deepEqual(risky, []);
  });

  test('the JSON parses, names its store and schema, and holds as many rows as the CSV files', () => {
    const archive = JSON.parse(entry(JSON_FILE));
    assert.equal(archive.storeName, 'Test Store');
    assert.match(archive.schemaVersion, /^\d{4}-/);
    assert.ok(!Number.isNaN(Date.parse(archive.exportedAt)));
    for (const x of EXPORT_TABLES) {
      const csvRows = parseCsv(entry(`${x.file}.csv`).slice(1)).length - 1;
      assert.equal(archive.tables[x.file].length, csvRows, x.file);
    }
    assert.equal(archive.tables['licence-keys'].length, 3);
    assert.equal(archive.tables['order-items'].length, 1);
  });

  test('the export is in the audit log', async () => {
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('action', '=', 'store.exported')
      .execute();
    assert.deepEqual(audit, [{ actor: 'owner@example.com', action: 'store.exported' }]);
  });

  test('without an admin session there is no export', async () => {
    const anonymous = new TestClient(t.app);
    const page = await anonymous.get('/admin/export');
    assert.notEqual(page.statusCode, 200);
    const post = await t.app.inject({ method: 'POST', url: '/admin/export' });
    assert.notEqual(post.statusCode, 200);
    assert.notEqual(post.headers['content-type'], 'application/zip');
  });

  test('keyset pages read every row once, also over a key of two columns', async () => {
    const { db } = t.services.database;
    const all = await db.selectFrom('settings').select('key').orderBy('key').execute();
    assert.ok(all.length > 3);
    for (const key of [['key'], ['key', 'value']]) {
      const seen: unknown[] = [];
      for await (const r of rowsOf(db, { file: 's', table: 'settings', key, columns: ['key', 'value'] }, 2))
        seen.push(r.key);
      assert.deepEqual(
        seen,
        all.map((r) => r.key),
      );
    }
  });

  test('a table that cannot be read fails the download, not the process', async () => {
    const broken = [{ file: 'broken', table: 'no_such_table', key: ['id'], columns: ['id'] }];
    const header = { exportedAt: new Date().toISOString(), storeName: 'x', schemaVersion: 'y' };
    const zip = await storeExportZip(t.services.database.db, header, broken);
    await assert.rejects(async () => {
      for await (const _ of zip);
    }, /no_such_table/);
  });
});
