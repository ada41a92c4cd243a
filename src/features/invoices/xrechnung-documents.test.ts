import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedPurchase } from '../delivery/testing.js';
import { startCustomerSession } from '../library/sessions.js';
import { saveTaxSettings, type TaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import { loadCiiValidator } from './cii-validator.testing.js';
import { issueInvoiceForOrder } from './jobs.js';
import { readArchive } from './pdf-archive.testing.js';
import { invoicesOfOrder } from './queries.js';

const SETTINGS: TaxSettings = testTaxSettings({
  contactName: 'Lena Schreiber',
  contactPhone: '+49 30 1234567',
  contactEmail: 'rechnung@example.com',
});

const FORM = {
  mode: 'regular',
  country: 'DE',
  businessName: 'Lena Schreiber',
  street: 'Hauptstraße 5',
  postcode: '10115',
  city: 'Berlin',
  taxNumber: '27/123/45678',
  invoicePrefix: 'RE-',
  contactName: 'Lena Schreiber',
  contactEmail: 'rechnung@example.com',
  contactPhone: '+49 30 1234567',
};

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setUp(settings: Partial<TaxSettings> = {}) {
  t = await buildTestApp();
  await setUpStore(t.services);
  await saveTaxSettings(t.services.database.db, { ...SETTINGS, ...settings });
  return t;
}

/** A paid purchase whose buyer gave a billing address at checkout (XRechnung needs postcode and city). */
async function addressedPurchase(app: TestApp) {
  const p = await seedPurchase(app.services, { status: 'paid', locale: 'de' });
  const address = { name: 'Muster GmbH', street: 'Ringstraße 1', postcode: '80331', city: 'München' };
  await app.services.database.db
    .updateTable('orders')
    .set({ billing_address: JSON.stringify(address), billing_country: 'DE' })
    .where('id', '=', p.orderId)
    .execute();
  return p;
}

const formatsOf = async (app: TestApp, invoiceId: string) =>
  (
    await app.services.database.db
      .selectFrom('invoice_documents')
      .select(['format', 'storage_key'])
      .where('invoice_id', '=', invoiceId)
      .orderBy('format')
      .execute()
  ).map((d) => d.format);

describe('XRechnung documents', () => {
  test('stored once beside the PDF and the EN 16931 XML; the buyer downloads it; the PDF keeps EN 16931', async () => {
    const app = await setUp();
    const p = await addressedPurchase(app);
    const { issueInvoiceJob } = await import('./job-contracts.js');
    const { enqueueJob } = await import('../../jobs/queue.js');
    const db = app.services.database.db;
    await enqueueJob(db, issueInvoiceJob, { orderId: p.orderId }, { uniqueKey: `invoice:${p.orderId}` });
    await enqueueJob(db, issueInvoiceJob, { orderId: p.orderId });
    await app.drainJobs();
    const [inv] = await invoicesOfOrder(db, p.orderId);
    assert.ok(inv);
    assert.deepEqual(await formatsOf(app, inv.id), ['cii', 'pdf', 'xrechnung']);

    const cookie = `vf_customer=${await startCustomerSession(db, p.email)}`;
    const url = `/library/invoices/${inv.id}.xrechnung.xml`;
    const res = await app.app.inject({ url, headers: { cookie } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    assert.equal(res.headers['content-disposition'], `attachment; filename="${inv.number}-xrechnung.xml"`);
    assert.match(res.body, /urn:xeinkauf\.de:kosit:xrechnung_3\.0/);
    assert.match(res.body, new RegExp(`<ram:BuyerReference>${p.orderNumber}</ram:BuyerReference>`));
    assert.match(res.body, /<ram:CompleteNumber>\+49 30 1234567<\/ram:CompleteNumber>/);
    const validate = await loadCiiValidator();
    const r = validate(res.body, { xrechnung: true });
    assert.deepEqual(r.errors, [], r.errors.map((e) => `${e.id}: ${e.text}`).join('\n'));

    // Downloading again gives the stored bytes; no second document.
    const again = await app.app.inject({ url, headers: { cookie } });
    assert.ok(again.rawPayload.equals(res.rawPayload));
    assert.deepEqual(await formatsOf(app, inv.id), ['cii', 'pdf', 'xrechnung']);

    // The hybrid PDF still embeds the EN 16931 XML (Factur-X profile EN 16931), the same bytes as the .xml.
    const pdf = await app.app.inject({ url: `/library/invoices/${inv.id}.pdf`, headers: { cookie } });
    const xml = await app.app.inject({ url: `/library/invoices/${inv.id}.xml`, headers: { cookie } });
    const [inside] = (await readArchive(pdf.rawPayload)).embedded;
    assert.ok(inside?.bytes.equals(xml.rawPayload));
    assert.match(xml.body, /<ram:ID>urn:cen\.eu:en16931:2017<\/ram:ID>/);
    assert.doesNotMatch(xml.body, /xrechnung/);

    const receipt = await app.app.inject({ url: `/library/orders/${p.orderId}`, headers: { cookie } });
    assert.ok(receipt.body.includes(`href="${url}"`));
    const other = `vf_customer=${await startCustomerSession(db, 'someone@example.com')}`;
    assert.equal((await app.app.inject({ url, headers: { cookie: other } })).statusCode, 404);
  });

  test('a credit note gets its XRechnung too; the period ZIP carries every XRechnung', async () => {
    const app = await setUp();
    const p = await addressedPurchase(app);
    const db = app.services.database.db;
    await issueInvoiceForOrder(app.services, p.orderId);
    const paid = await db.selectFrom('orders').selectAll().where('id', '=', p.orderId).executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => app.services.orders.markRefunded(trx, paid, { via: 'test' }));
    await app.drainJobs();
    const [inv, credit] = await invoicesOfOrder(db, p.orderId);
    assert.ok(inv && credit);
    assert.deepEqual(await formatsOf(app, credit.id), ['cii', 'pdf', 'xrechnung']);

    const c = new TestClient(app.app);
    await c.login();
    const zip = await c.get('/admin/invoices/export.zip');
    assert.equal(zip.statusCode, 200);
    for (const name of [`${inv.number}-xrechnung.xml`, `${credit.number}-xrechnung.xml`, `${inv.number}.xml`]) {
      assert.ok(zip.rawPayload.includes(Buffer.from(name)), name);
    }
    const list = await c.get('/admin/invoices');
    assert.ok(list.body.includes(`href="/admin/invoices/${credit.id}.xrechnung.xml"`), 'the admin list links it');
    const admin = await c.get(`/admin/invoices/${credit.id}.xrechnung.xml`);
    assert.equal(admin.statusCode, 200);
    assert.match(admin.body, /<ram:TypeCode>381<\/ram:TypeCode>/);
    assert.match(admin.body, new RegExp(`<ram:IssuerAssignedID>${inv.number}</ram:IssuerAssignedID>`));
  });

  test('made on first download when missing; simultaneous downloads store one document', async () => {
    const app = await setUp();
    const p = await addressedPurchase(app);
    const db = app.services.database.db;
    const order = await db.selectFrom('orders').selectAll().where('id', '=', p.orderId).executeTakeFirstOrThrow();
    const { issueInvoiceRecord } = await import('./issue-invoice.js');
    const inv = await issueInvoiceRecord(db, { orders: app.services.orders, order, settings: SETTINGS }); // no documents yet
    assert.deepEqual(await formatsOf(app, inv.id), []);
    const cookie = `vf_customer=${await startCustomerSession(db, p.email)}`;
    const url = `/library/invoices/${inv.id}.xrechnung.xml`;
    const answers = await Promise.all([1, 2, 3].map(() => app.app.inject({ url, headers: { cookie } })));
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      [200, 200, 200],
    );
    assert.ok(answers.every((a) => a.rawPayload.equals(answers[0]?.rawPayload ?? Buffer.alloc(0))));
    assert.deepEqual(await formatsOf(app, inv.id), ['xrechnung']);
  });

  test('without a phone number or a buyer address there is no XRechnung: no document, no link, 404', async () => {
    const app = await setUp({ contactPhone: '' });
    const db = app.services.database.db;
    const noPhone = await addressedPurchase(app);
    const noAddress = await seedPurchase(app.services, { status: 'paid', email: noPhone.email });
    for (const p of [noPhone, noAddress]) {
      const inv = await issueInvoiceForOrder(app.services, p.orderId);
      assert.ok(inv);
      assert.deepEqual(await formatsOf(app, inv.id), ['cii', 'pdf']);
      const cookie = `vf_customer=${await startCustomerSession(db, p.email)}`;
      const url = `/library/invoices/${inv.id}.xrechnung.xml`;
      assert.equal((await app.app.inject({ url, headers: { cookie } })).statusCode, 404);
      const receipt = await app.app.inject({ url: `/library/orders/${p.orderId}`, headers: { cookie } });
      assert.ok(receipt.body.includes(`/library/invoices/${inv.id}.xml`));
      assert.ok(!receipt.body.includes(url));
    }
  });
});

describe('seller contact in the tax settings', () => {
  test('a bad email or phone is a form error with the input kept; missing name and email are required', async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    const c = new TestClient(t.app);
    await c.login();
    const bad = await c.postForm('/admin/tax', { ...FORM, contactEmail: 'lena@', contactPhone: 'call me' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /not a valid email address/);
    assert.match(bad.body, /phone number with at least 5 digits/);
    assert.match(bad.body, /value="lena@"/);
    assert.match(bad.body, /value="call me"/);
    const missing = await c.postForm('/admin/tax', { ...FORM, contactName: ' ', contactEmail: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /id="f-contactName-err"[^>]*>Required\./);
    assert.match(missing.body, /id="f-contactEmail-err"[^>]*>Required\./);
    const saved = await t.services.database.db
      .selectFrom('settings')
      .select('key')
      .where('key', 'like', 'tax.%')
      .execute();
    assert.deepEqual(saved, []);
  });

  test('saved without a phone, the page says invoices get no XRechnung; with one it does not', async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    const c = new TestClient(t.app);
    await c.login();
    const explains = /XRechnung needs a contact with name, phone number and email address/;
    const noPhone = await c.postForm('/admin/tax', { ...FORM, contactPhone: '' }, { formPage: '/admin/tax' });
    assert.equal(noPhone.statusCode, 303);
    assert.match((await c.get('/admin/tax')).body, explains);
    const withPhone = await c.postForm('/admin/tax', FORM, { formPage: '/admin/tax' });
    assert.equal(withPhone.statusCode, 303);
    const page = await c.get('/admin/tax');
    assert.doesNotMatch(page.body, explains);
    assert.match(page.body, /value="\+49 30 1234567"/);
    assert.match(page.body, /XRechnung, the e-invoice German public authorities/);
  });
});
