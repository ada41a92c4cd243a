import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { OrderStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { findFileVersion, listProductFiles } from './queries.js';
import { createProductViaAdmin, postMultipart } from './testing.js';

let orderNo = 0;

/** A customer's order for a product, written by hand (checkout is another feature). */
async function insertOrder(t: TestApp, productId: string, email: string, status: OrderStatus, locale = 'en') {
  const db = t.services.database.db;
  const now = isoNow();
  let customer = await db.selectFrom('customers').select('id').where('email', '=', email).executeTakeFirst();
  if (!customer) {
    customer = { id: randomUUID() };
    await db.insertInto('customers').values({ id: customer.id, email, locale, created_at: now }).execute();
  }
  const orderId = randomUUID();
  await db
    .insertInto('orders')
    .values({
      id: orderId,
      number: `2026-${String(++orderNo).padStart(6, '0')}`,
      customer_id: customer.id,
      email,
      name: 'Kim',
      locale,
      status,
      currency: 'EUR',
      subtotal_minor: 1250,
      total_minor: 1250,
      discount_code_id: null,
      provider: 'test',
      provider_ref: null,
      access_key: randomUUID(),
      created_at: now,
      updated_at: now,
      paid_at: status === 'paid' ? now : null,
      refunded_at: null,
    })
    .execute();
  await db
    .insertInto('order_items')
    .values({
      id: randomUUID(),
      order_id: orderId,
      product_id: productId,
      title: 'x',
      unit_price_minor: 1250,
      total_minor: 1250,
    })
    .execute();
  return orderId;
}

function updateEmails(t: TestApp) {
  return t.services.database.db
    .selectFrom('emails')
    .select(['to_address', 'subject', 'text', 'status'])
    .where('template', '=', 'product-updated')
    .orderBy('to_address')
    .execute();
}

describe('new file versions', () => {
  let t: TestApp;
  let admin: TestClient;
  let productId: string;
  let fileId: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    productId = await createProductViaAdmin(admin, { title: 'Brotbuch' });
    const other = await createProductViaAdmin(admin, { title: 'Something else' });
    const res = await postMultipart(
      t.app,
      admin,
      `/admin/products/${productId}/files`,
      [{ name: 'file', filename: 'brotbuch.pdf', content: Buffer.from('%PDF-1.4 v1') }],
      `/admin/products/${productId}`,
    );
    assert.equal(res.statusCode, 303);
    fileId = (await listProductFiles(t.services.database.db, productId))[0]!.id;
    await insertOrder(t, productId, 'anna@example.com', 'paid', 'de');
    await insertOrder(t, productId, 'ben@example.com', 'paid');
    await insertOrder(t, productId, 'ben@example.com', 'paid'); // bought twice: still one email
    await insertOrder(t, productId, 'carla@example.com', 'pending');
    await insertOrder(t, productId, 'dora@example.com', 'refunded');
    await insertOrder(t, other, 'erik@example.com', 'paid');
  });
  after(() => t.close());

  const uploadVersion = (content: Buffer, notify: boolean) =>
    postMultipart(
      t.app,
      admin,
      `/admin/products/${productId}/files/${fileId}/versions`,
      [...(notify ? [{ name: 'notify', value: '1' }] : []), { name: 'file', filename: 'brotbuch-2.pdf', content }],
      `/admin/products/${productId}`,
    );

  test('a new version becomes current; without the checkbox nobody is emailed', async () => {
    const v2 = Buffer.from('%PDF-1.4 version two');
    const res = await uploadVersion(v2, false);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/products/${productId}?done=version#file-${fileId}`);
    const current = await findFileVersion(t.services.database.db, fileId);
    assert.equal(current?.version, 2);
    assert.equal(current?.file_name, 'brotbuch-2.pdf');
    assert.equal(current?.sha256, createHash('sha256').update(v2).digest('hex'));
    const versions = await t.services.database.db
      .selectFrom('file_versions')
      .select('version')
      .where('file_id', '=', fileId)
      .execute();
    assert.equal(versions.length, 2, 'the old version is kept');
    await t.drainJobs();
    assert.deepEqual(await updateEmails(t), []);
  });

  test('with the checkbox: one job, one email per paying buyer, even when the job runs twice', async () => {
    const res = await uploadVersion(Buffer.from('%PDF-1.4 version three'), true);
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /done=version-notify/);
    const db = t.services.database.db;
    const jobs = await db
      .selectFrom('jobs')
      .select(['id', 'status'])
      .where('kind', '=', 'catalog.notify-file-update')
      .execute();
    assert.equal(jobs.length, 1);
    await t.drainJobs();

    let emails = await updateEmails(t);
    assert.deepEqual(
      emails.map((e) => [e.to_address, e.status]),
      [
        ['anna@example.com', 'sent'],
        ['ben@example.com', 'sent'],
      ],
    );
    assert.equal(emails[0]?.subject, 'Neue Version: Brotbuch');
    assert.equal(emails[1]?.subject, 'New version: Brotbuch');
    assert.ok(emails[1]?.text.includes(`${t.services.config.publicUrl}/library`));
    assert.match(String(emails[1]?.text), /version 3/);

    // A retry (after a crash, say) runs the same job again: nobody gets a second email.
    await db
      .updateTable('jobs')
      .set({ status: 'pending', run_at: isoNow(), finished_at: null })
      .where('id', '=', jobs[0]!.id)
      .execute();
    assert.ok((await t.drainJobs()) >= 1);
    emails = await updateEmails(t);
    assert.equal(emails.length, 2);
  });

  test('an oversized or missing version changes nothing', async () => {
    const before = await findFileVersion(t.services.database.db, fileId);
    const res = await postMultipart(
      t.app,
      admin,
      `/admin/products/${productId}/files/${fileId}/versions`,
      [
        { name: 'notify', value: '1' },
        { name: 'file', filename: '', content: Buffer.alloc(0) },
      ],
      `/admin/products/${productId}`,
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Please choose a file/);
    assert.match(res.body, /<details open>/);
    assert.deepEqual(await findFileVersion(t.services.database.db, fileId), before);
  });
});
