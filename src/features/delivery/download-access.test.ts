import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { downloadLinksForOrder } from './links.js';
import { expiryIn } from './signed-links.js';
import { emailsTo, pathsIn, seedFile, seedPurchase, signedPath } from './testing.js';

/** Who may download what, for how long and how often. */
describe('download access', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const countOf = async (deliveryId: string) =>
    (
      await t.services.database.db
        .selectFrom('deliveries')
        .select('download_count')
        .where('id', '=', deliveryId)
        .executeTakeFirstOrThrow()
    ).download_count;

  test('a tampered signature or an extended expiry is refused with 403', async () => {
    const p = await seedPurchase(t.services);
    const url = signedPath(t.services, p.deliveryId, p.fileId);
    const sig = new URL(url, 'http://x').searchParams.get('s')!;
    const flipped = sig.at(-2) === 'A' ? 'B' : 'A';
    const tampered = url.replace(`s=${sig}`, `s=${sig.slice(0, -2)}${flipped}${sig.at(-1)}`);
    const extended = url.replace(/e=(\d+)/, (_m, e: string) => `e=${Number(e) + 3600}`);
    for (const bad of [tampered, extended, url.replace(/&s=.*/, ''), url.replace(/e=\d+&/, '')]) {
      const res = await t.app.inject(bad);
      assert.equal(res.statusCode, 403, bad);
      assert.match(res.body, /This download link is not valid/);
    }
    assert.equal(await countOf(p.deliveryId), 0);
  });

  test('an expired link shows a friendly page whose button emails fresh links that work', async () => {
    const p = await seedPurchase(t.services, { locale: 'de' });
    const c = new TestClient(t.app);
    const url = signedPath(t.services, p.deliveryId, p.fileId, expiryIn(-1));
    const page = await c.get(url);
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /This download link has expired/);
    assert.doesNotMatch(page.body, new RegExp(p.email));
    const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
    assert.equal(action, `/d/${p.deliveryId}/${p.fileId}/fresh-link`);
    const e = /name="e" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    const s = /name="s" value="([^"]+)"/.exec(page.body)?.[1] ?? '';

    const sent = await c.postForm(action!, { e, s }, { formPage: url });
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /Please check your inbox/);
    assert.doesNotMatch(sent.body, new RegExp(p.email));
    const [email] = await emailsTo(t.services, p.email);
    assert.ok(email);
    assert.equal(email.template, 'delivery-fresh-links');
    assert.match(email.subject, /Ihre Download-Links für Calm Spreadsheets/);
    const [fresh] = pathsIn(email.text, t.services.config.publicUrl);
    assert.ok(fresh?.startsWith(`/d/${p.deliveryId}/${p.fileId}?`));
    const download = await t.app.inject(fresh!);
    assert.equal(download.statusCode, 200);
    assert.ok(download.rawPayload.equals(p.bytes));
    const events = await t.services.database.db
      .selectFrom('order_events')
      .select('kind')
      .where('order_id', '=', p.orderId)
      .execute();
    assert.deepEqual(events.map((x) => x.kind).sort(), ['download', 'link_resent']);
  });

  test('a forged fresh-link request answers the same and sends nothing', async () => {
    const p = await seedPurchase(t.services);
    const c = new TestClient(t.app);
    const res = await c.postForm(
      `/d/${p.deliveryId}/${p.fileId}/fresh-link`,
      { e: String(expiryIn(-1)), s: 'forged' },
      { formPage: signedPath(t.services, p.deliveryId, p.fileId, expiryIn(-1)) },
    );
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Please check your inbox/);
    assert.equal((await emailsTo(t.services, p.email)).length, 0);
  });

  test('a revoked delivery or an unpaid order gives no bytes, even with a valid link', async () => {
    const refunded = await seedPurchase(t.services, { status: 'refunded' });
    const pending = await seedPurchase(t.services, { status: 'pending' });
    for (const p of [refunded, pending]) {
      const res = await t.app.inject(signedPath(t.services, p.deliveryId, p.fileId));
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Access to this download has ended/);
      assert.ok(!res.rawPayload.includes(p.bytes.subarray(0, 32)));
      assert.deepEqual(await downloadLinksForOrder(t.services, p.orderId), []);
    }
    const expiredRefund = await t.app.inject(
      signedPath(t.services, refunded.deliveryId, refunded.fileId, expiryIn(-1)),
    );
    assert.equal(expiredRefund.statusCode, 403, 'no fresh-link offer once access has ended');
  });

  test('limit 2: the third download is refused, continuations past byte 0 still work', async () => {
    const p = await seedPurchase(t.services, { downloadLimit: 2 });
    const url = signedPath(t.services, p.deliveryId, p.fileId);
    assert.equal((await t.app.inject(url)).statusCode, 200);
    assert.equal((await t.app.inject({ url, headers: { range: 'bytes=0-9' } })).statusCode, 206);
    const third = await t.app.inject(url);
    assert.equal(third.statusCode, 403);
    assert.match(third.body, /Download limit reached/);
    assert.match(third.body, new RegExp(p.orderNumber));
    assert.match(third.body, /href="mailto:shop@localhost\?subject=/);
    assert.equal((await t.app.inject({ url, headers: { range: 'bytes=0-' } })).statusCode, 403);
    const rest = await t.app.inject({ url, headers: { range: 'bytes=10-' } });
    assert.equal(rest.statusCode, 206);
    assert.ok(rest.rawPayload.equals(p.bytes.subarray(10)));
    assert.equal((await t.app.inject({ url, method: 'HEAD' })).statusCode, 200);
    assert.equal(await countOf(p.deliveryId), 2);
    const [links] = await downloadLinksForOrder(t.services, p.orderId);
    assert.equal(links?.downloadsLeft, 0);

    // A day after the last counted download, continuations stop too: `bytes=1-` is no way around the limit.
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000).toISOString();
    await t.services.database.db
      .updateTable('downloads')
      .set({ created_at: dayAgo })
      .where('delivery_id', '=', p.deliveryId)
      .execute();
    const late = await t.app.inject({ url, headers: { range: 'bytes=1-' } });
    assert.equal(late.statusCode, 403);
    assert.match(late.body, /Download limit reached/);
  });

  test('concurrent downloads at the limit never exceed it', async () => {
    const p = await seedPurchase(t.services, { downloadLimit: 3 });
    const url = signedPath(t.services, p.deliveryId, p.fileId);
    const results = await Promise.all(Array.from({ length: 8 }, () => t.app.inject(url)));
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [200, 200, 200, 403, 403, 403, 403, 403]);
    assert.equal(await countOf(p.deliveryId), 3);
    const rows = await t.services.database.db
      .selectFrom('downloads')
      .select('id')
      .where('delivery_id', '=', p.deliveryId)
      .execute();
    assert.equal(rows.length, 3);
  });

  test("another purchase's file: a re-pointed link is 403, a signed but foreign pair is 404", async () => {
    const mine = await seedPurchase(t.services);
    const theirs = await seedPurchase(t.services);
    const url = signedPath(t.services, mine.deliveryId, mine.fileId);
    const swapped = url.replace(mine.fileId, theirs.fileId);
    assert.equal((await t.app.inject(swapped)).statusCode, 403);
    const foreign = await t.app.inject(signedPath(t.services, mine.deliveryId, theirs.fileId));
    assert.equal(foreign.statusCode, 404);
    assert.ok(!foreign.rawPayload.includes(theirs.bytes.subarray(0, 32)));
    const unknown = await t.app.inject(signedPath(t.services, 'no-such-delivery', mine.fileId));
    assert.equal(unknown.statusCode, 404);
  });

  test('links list current, non-deleted files in order; a deleted file is 404', async () => {
    const p = await seedPurchase(t.services, { name: 'Workbook' });
    const extra = await seedFile(t.services, p.productId, { name: 'Bonus', fileName: 'bonus.zip' });
    const gone = await seedFile(t.services, p.productId, { name: 'Old' });
    const { db } = t.services.database;
    await db.updateTable('product_files').set({ position: 1 }).where('id', '=', extra.fileId).execute();
    await db.updateTable('product_files').set({ deleted_at: isoNow() }).where('id', '=', gone.fileId).execute();
    const [links] = await downloadLinksForOrder(t.services, p.orderId);
    assert.equal(links?.productTitle, 'Calm Spreadsheets');
    assert.deepEqual(
      links?.files.map((f) => [f.name, f.fileName, f.sizeBytes]),
      [
        ['Workbook', 'workbook.pdf', p.bytes.length],
        ['Bonus', 'bonus.zip', extra.bytes.length],
      ],
    );
    assert.ok(links?.files[0]?.url.startsWith(`${t.services.config.publicUrl}/d/${p.deliveryId}/`));
    assert.equal((await t.app.inject(signedPath(t.services, p.deliveryId, gone.fileId))).statusCode, 404);
  });
});

describe('fresh links rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('at most five fresh-link requests a minute per IP', async () => {
    const p = await seedPurchase(t.services);
    const c = new TestClient(t.app);
    const expired = signedPath(t.services, p.deliveryId, p.fileId, expiryIn(-1));
    const csrf = await c.csrfFrom(expired);
    const { e, s } = Object.fromEntries(new URL(expired, 'http://x').searchParams) as { e: string; s: string };
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push((await c.postForm(`/d/${p.deliveryId}/${p.fileId}/fresh-link`, { e, s }, { csrf })).statusCode);
    }
    assert.deepEqual(codes, [200, 200, 200, 200, 200, 429]);
    assert.equal((await emailsTo(t.services, p.email)).length, 5);
  });
});
