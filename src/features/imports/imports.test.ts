import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { buildLicensingTestApp, callApi } from '../licensing/testing.js';
import { fixtureBytes, runIdOf, runOf, tableCounts, uploadExport, verdicts } from './testing.js';

describe('importing a Gumroad sales export through the admin', () => {
  let t: TestApp;
  let admin: TestClient;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  test('upload → dry run → import; the dry run said what the import did; a second import creates nothing', async () => {
    // Someone who is already a subscribed member and asked Gumroad not to be contacted (Farid, line 8).
    await db()
      .insertInto('members')
      .values({
        id: crypto.randomUUID(),
        email: 'farid.haddad@example.com',
        name: 'Farid',
        locale: 'en',
        customer_id: null,
        email_status: 'subscribed',
        source: 'signup',
        created_at: new Date().toISOString(),
        confirmed_at: new Date().toISOString(),
        unsubscribed_at: null,
        updated_at: new Date().toISOString(),
      })
      .execute();
    const before = await tableCounts(t);
    const res = await uploadExport(t, admin, fixtureBytes('gumroad-sales.csv'), 'sales.csv');
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const runId = runIdOf(res.headers.location as string);
    const running = await admin.get(`/admin/imports/${runId}`);
    assert.equal(running.statusCode, 200);
    assert.match(running.body, /<progress/);
    assert.match(running.body, /http-equiv="refresh"/);

    await t.drainJobs();
    let run = await runOf(t, runId);
    assert.equal(run.status, 'dry_run_ready');
    // The dry run wrote nothing but its verdicts.
    assert.deepEqual(await tableCounts(t), before);
    const dry = await verdicts(t, runId, 'dry');
    assert.equal(dry.length, 15);
    const page = await admin.get(`/admin/imports/${runId}`);
    assert.match(page.body, /Start the import/);
    assert.match(page.body, /refunded sale/);
    assert.match(page.body, /invalid email address/);

    const start = await admin.postForm(`/admin/imports/${runId}/start`, {}, { formPage: `/admin/imports/${runId}` });
    assert.equal(start.statusCode, 303);
    await t.drainJobs();
    run = await runOf(t, runId);
    assert.equal(run.status, 'done');
    assert.equal(run.rows_done, run.rows_total);
    // The export, with every buyer's data, is not kept once imported.
    assert.equal(await t.services.storage.size(run.file_key), undefined);
    assert.deepEqual(await verdicts(t, runId, 'real'), dry);
    if (process.env.SHOW_VERDICTS) console.log(dry.join('\n'));

    const after1 = await tableCounts(t);
    assert.ok((after1.orders ?? 0) > (before.orders ?? 0));
    const orders = await db().selectFrom('orders').selectAll().where('provider', '=', 'import').execute();
    assert.ok(orders.every((o) => o.status === 'paid' && o.tax_minor === 0));
    const anna = orders.find((o) => o.email === 'anna.schmidt@example.com')!;
    assert.equal(anna.total_minor, 2900);
    assert.equal(anna.currency, 'USD');
    assert.equal(anna.paid_at, '2024-03-05T14:22:10.000Z');
    // Library access as a paid order gives it; no receipt, no invoice, no webhook.
    const delivery = await db().selectFrom('deliveries').selectAll().where('order_id', '=', anna.id).executeTakeFirst();
    assert.ok(delivery && delivery.revoked_at === null);
    assert.equal((await db().selectFrom('emails').select('id').execute()).length, 0);
    assert.equal((await db().selectFrom('invoices').select('id').execute()).length, 0);
    const jobs = await db().selectFrom('jobs').select('kind').where('kind', '<>', 'imports.run').execute();
    assert.deepEqual(jobs, []);
    // The refunded sale (Ben) made no order.
    assert.equal(orders.filter((o) => o.email === 'ben.carter@example.org').length, 0);
    // Revenue figures include the imported history.
    const sales = await db().selectFrom('daily_sales').selectAll().where('currency', '=', 'USD').execute();
    assert.ok(sales.reduce((s, d) => s + Number(d.gross_minor), 0) > 0);

    // Consent: "do not contact" unsubscribed the existing member; nobody else became a subscriber.
    const farid = await db()
      .selectFrom('members')
      .selectAll()
      .where('email', '=', 'farid.haddad@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(farid.email_status, 'unsubscribed');
    const subscribed = await db()
      .selectFrom('members')
      .select('email')
      .where('email_status', '=', 'subscribed')
      .execute();
    assert.deepEqual(subscribed, []);

    // The same file again: nothing new, every line already imported (or skipped as before).
    const again = await uploadExport(t, admin, fixtureBytes('gumroad-sales.csv'), 'sales.csv');
    const second = runIdOf(again.headers.location as string);
    await t.drainJobs();
    await admin.postForm(`/admin/imports/${second}/start`, {}, { formPage: `/admin/imports/${second}` });
    await t.drainJobs();
    assert.deepEqual(await tableCounts(t), after1);
    const lines = await verdicts(t, second, 'real');
    for (const l of lines) assert.match(l, /^\d+ skip \w+ $/);
    assert.ok(lines.filter((l) => l.includes('already_imported')).length >= 10);
  });

  test('an imported order is refunded and receipted on its platform: the admin says so and changes nothing', async () => {
    const order = await db()
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('provider', '=', 'import')
      .where('email', '=', 'anna.schmidt@example.com')
      .executeTakeFirstOrThrow();
    const detail = await admin.get(`/admin/orders/${order.id}`);
    assert.match(detail.body, /imported from another platform, which took the payment and sent the receipt/);
    assert.doesNotMatch(detail.body, /resend-receipt/);
    const refundPage = await admin.get(`/admin/orders/${order.id}/refund`);
    assert.equal(refundPage.statusCode, 200);
    assert.doesNotMatch(refundPage.body, /name="confirm"/);
    const refund = await admin.postForm(
      `/admin/orders/${order.id}/refund`,
      { confirm: 'yes', requestId: crypto.randomUUID() },
      { formPage: `/admin/orders/${order.id}` },
    );
    assert.equal(refund.statusCode, 303);
    assert.match(refund.headers.location as string, /error=imported/);
    const resend = await admin.postForm(
      `/admin/orders/${order.id}/resend-receipt`,
      {},
      { formPage: `/admin/orders/${order.id}` },
    );
    assert.match(resend.headers.location as string, /error=receipt-imported/);
    const after = await db().selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(after.status, 'paid');
    assert.equal((await db().selectFrom('emails').select('id').execute()).length, 0);
  });

  test('an imported licence key validates through the licence API with its activations', async () => {
    const res = await callApi(t.app, '/api/v1/licenses/validate', {
      license_key: '8F1A2B3C-4D5E6F70-8192A3B4-C5D6E7F8',
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.valid, true);
    assert.equal(body.license_key.key, '8F1A2B3C-4D5E6F70-8192A3B4-C5D6E7F8');
    assert.equal(body.license_key.activation_usage, 2);
    assert.equal(body.license_key.activation_limit, null);
    // Typed in lower case without dashes, as licensing normalises keys.
    const loose = await callApi(t.app, '/api/v1/licenses/validate', {
      license_key: '8f1a2b3c4d5e6f708192a3b4c5d6e7f8',
    });
    assert.equal(loose.json().valid, true);
    // Chloé's key was disabled on Gumroad and stays disabled.
    const disabled = await callApi(t.app, '/api/v1/licenses/validate', {
      license_key: 'A1B2C3D4-E5F60718-293A4B5C-6D7E8F90',
    });
    assert.equal(disabled.json().valid, false);
  });

  test('the lines are paged and filtered by action', async () => {
    const run = await db().selectFrom('import_runs').select('id').orderBy('created_at').executeTakeFirstOrThrow();
    const skips = await admin.get(`/admin/imports/${run.id}?action=skip`);
    assert.equal(skips.statusCode, 200);
    assert.doesNotMatch(skips.body, /<td>Create<\/td>/);
    assert.match(skips.body, /<td>Skip<\/td>/);
    const bogus = await admin.get(`/admin/imports/${run.id}?action=nonsense&page=-4`);
    assert.equal(bogus.statusCode, 200);
  });
});

describe('bad files and who may import', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildLicensingTestApp({ env: { MAX_UPLOAD_MB: '1' } });
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  const refused = async (content: Buffer, status: number, text: RegExp) => {
    const res = await uploadExport(t, admin, content);
    assert.equal(res.statusCode, status, res.body.slice(0, 300));
    assert.match(res.body, text);
    assert.match(res.body, /role="alert"|class="alert/);
  };

  test('wrong columns, empty, binary, header only and too large are refused with a clear message', async () => {
    await refused(
      Buffer.from('Name,Email\nAnna,anna@example.com\n'),
      400,
      /not an export we can read\. The closest match \(.+\) misses these columns: /,
    );
    await refused(Buffer.alloc(0), 400, /The file is empty/);
    const header = fixtureBytes('gumroad-sales.csv').toString('utf8').split('\n')[0];
    await refused(Buffer.from(`${header}\n`), 400, /The file is empty/);
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
    await refused(binary, 400, /not an export we can read|cannot be read/);
    await refused(Buffer.alloc(1024 * 1024 + 10, 'a'), 413, /larger than/);
    assert.deepEqual(await t.services.database.db.selectFrom('import_runs').select('id').execute(), []);
  });

  test('only a signed-in admin, with the form token, may upload or start', async () => {
    const stranger = new TestClient(t.app);
    const page = await stranger.get('/admin/imports');
    assert.ok([302, 303].includes(page.statusCode));
    const { multipartBody } = await import('../catalog/testing.js');
    const { body, contentType } = multipartBody([
      { name: 'file', filename: 'a.csv', content: fixtureBytes('gumroad-sales.csv') },
    ]);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/admin/imports',
      payload: body,
      headers: { 'content-type': contentType, cookie: admin.cookieHeader },
    });
    assert.equal(noToken.statusCode, 403);
    const anon = await t.app.inject({
      method: 'POST',
      url: '/admin/imports',
      payload: body,
      headers: { 'content-type': contentType },
    });
    assert.ok([302, 303, 403].includes(anon.statusCode));
    const start = await stranger.postForm(`/admin/imports/${crypto.randomUUID()}/start`, {}, { csrf: null });
    assert.ok([302, 303, 403].includes(start.statusCode));
    assert.deepEqual(await t.services.database.db.selectFrom('import_runs').select('id').execute(), []);
  });
});
