import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, test } from 'node:test';
import type { Order } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedPurchase } from '../delivery/testing.js';
import { saveTaxSettings, type TaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import { buildCiiXml } from './cii.js';
import { loadCiiValidator } from './cii-validator.testing.js';
import { issueInvoiceRecord } from './issue-invoice.js';
import type { InvoiceLine } from './model.js';
import { pdfText, readArchive } from './pdf-archive.testing.js';
import { invoicesOfOrder } from './queries.js';

const SETTINGS: TaxSettings = testTaxSettings();

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

async function orderOf(app: TestApp, id: string): Promise<Order> {
  return app.services.database.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('invoices', () => {
  test('issued on payment with PDF and e-invoice, once; immutable in the database', async () => {
    const app = await setUp();
    const p = await seedPurchase(app.services, { status: 'paid', locale: 'de' });
    const { issueInvoiceJob } = await import('./job-contracts.js');
    const { enqueueJob } = await import('../../jobs/queue.js');
    const db = app.services.database.db;
    await enqueueJob(db, issueInvoiceJob, { orderId: p.orderId }, { uniqueKey: `invoice:${p.orderId}` });
    await enqueueJob(db, issueInvoiceJob, { orderId: p.orderId });
    await app.drainJobs();
    const [inv, ...rest] = await invoicesOfOrder(db, p.orderId);
    assert.ok(inv);
    assert.equal(rest.length, 0);
    assert.match(inv.number, /^RE-\d{4}-00001$/);
    assert.deepEqual([inv.gross_minor, inv.net_minor, inv.tax_minor, inv.scheme], [1900, 1597, 303, 'domestic']);
    const docs = await db.selectFrom('invoice_documents').selectAll().where('invoice_id', '=', inv.id).execute();
    assert.deepEqual(docs.map((d) => d.format).sort(), ['cii', 'pdf']);
    await assert.rejects(db.updateTable('invoices').set({ gross_minor: 1 }).where('id', '=', inv.id).execute());
    await assert.rejects(db.deleteFrom('invoices').where('id', '=', inv.id).execute());
  });

  test('200 concurrent issues: 200 distinct consecutive numbers, repeats change nothing', async () => {
    const app = await setUp();
    const db = app.services.database.db;
    const p = await seedPurchase(app.services);
    const now = new Date().toISOString();
    const orders: Order[] = [];
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      await db
        .insertInto('orders')
        .values({
          id,
          number: `C-${i}`,
          customer_id: p.customerId,
          email: p.email,
          locale: 'en',
          status: 'paid',
          currency: 'EUR',
          subtotal_minor: 1000 + i,
          total_minor: 1000 + i,
          provider: 'test',
          provider_ref: null,
          discount_code_id: null,
          access_key: randomUUID(),
          created_at: now,
          updated_at: now,
          paid_at: now,
          refunded_at: null,
        })
        .execute();
      await db
        .insertInto('order_items')
        .values({
          id: randomUUID(),
          order_id: id,
          product_id: p.productId,
          title: 'Item',
          unit_price_minor: 1000 + i,
          total_minor: 1000 + i,
        })
        .execute();
      orders.push(await orderOf(app, id));
    }
    const twice = [...orders, ...orders.slice(0, 20)];
    const issued = await Promise.all(
      twice.map((order) => issueInvoiceRecord(db, { orders: app.services.orders, order, settings: SETTINGS })),
    );
    const seqs = [...new Set(issued.map((i) => i.sequence))].sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    const rows = await db.selectFrom('invoices').select(['number', 'sequence']).execute();
    assert.equal(rows.length, 200);
    assert.equal(new Set(rows.map((r) => r.number)).size, 200);
  });

  test('a refund after a rate change cancels at the original rate, referencing the invoice', async () => {
    const app = await setUp();
    const db = app.services.database.db;
    // Paid one second before midnight in Berlin on 31 Dec 2020: 16 % then, 19 % since.
    const p = await seedPurchase(app.services, { status: 'paid', createdAt: '2020-12-31T22:59:59.000Z' });
    const { issueInvoiceForOrder } = await import('./jobs.js');
    const inv = await issueInvoiceForOrder(app.services, p.orderId);
    assert.ok(inv);
    assert.equal(inv.supply_date, '2020-12-31');
    assert.deepEqual(
      (JSON.parse(inv.lines) as InvoiceLine[]).map((l) => l.rateBp),
      [1600],
    );
    const paid = await orderOf(app, p.orderId);
    await db.transaction().execute((trx) => app.services.orders.markRefunded(trx, paid, { via: 'test' }));
    await app.drainJobs();
    const [, credit] = await invoicesOfOrder(db, p.orderId);
    assert.ok(credit);
    assert.equal(credit.kind, 'credit_note');
    assert.equal(credit.original_invoice_id, inv.id);
    assert.deepEqual([credit.gross_minor, credit.tax_minor], [-1900, -262]);
    assert.equal(credit.sequence, inv.sequence + 1);
    // It takes back the whole invoice: a cancellation.
    const admin = new TestClient(app.app);
    await admin.login();
    const pdf = await admin.get(`/admin/invoices/${credit.id}.pdf`);
    assert.match(await pdfText(pdf.rawPayload), /^Credit note \(cancellation\) /m);
  });

  test('partial refunds issue proportional credit notes; the full refund credits the rest to the cent', async () => {
    const app = await setUp();
    const db = app.services.database.db;
    const p = await seedPurchase(app.services, { status: 'paid' });
    const { issueInvoiceForOrder } = await import('./jobs.js');
    const inv = await issueInvoiceForOrder(app.services, p.orderId);
    assert.ok(inv);
    assert.deepEqual([inv.gross_minor, inv.net_minor, inv.tax_minor], [1900, 1597, 303]);
    {
      const o = await orderOf(app, p.orderId);
      await db.transaction().execute((trx) => app.services.orders.recordPartialRefund(trx, o, 500, {}));
    }
    // The same report again, and a stale smaller one: nothing more is credited.
    {
      const o = await orderOf(app, p.orderId);
      await db.transaction().execute((trx) => app.services.orders.recordPartialRefund(trx, o, 500, {}));
    }
    await app.drainJobs();
    const [, first, ...none] = await invoicesOfOrder(db, p.orderId);
    assert.ok(first);
    assert.equal(none.length, 0);
    assert.deepEqual(
      [first.kind, first.original_invoice_id, first.gross_minor, first.net_minor, first.tax_minor],
      ['credit_note', inv.id, -500, -420, -80],
    );
    const docs = await db.selectFrom('invoice_documents').select('format').where('invoice_id', '=', first.id).execute();
    assert.deepEqual(docs.map((d) => d.format).sort(), ['cii', 'pdf']);
    const validate = await loadCiiValidator();
    const r = validate(buildCiiXml(first, inv));
    assert.equal(r.valid, true, r.errors.map((e) => `${e.id}: ${e.text}`).join('\n'));

    {
      const o = await orderOf(app, p.orderId);
      await db.transaction().execute((trx) => app.services.orders.recordPartialRefund(trx, o, 1200, {}));
    }
    {
      const o = await orderOf(app, p.orderId);
      await db.transaction().execute((trx) => app.services.orders.markRefunded(trx, o, {}));
    }
    await app.drainJobs();
    const all = await invoicesOfOrder(db, p.orderId);
    const credits = all.filter((i) => i.kind === 'credit_note');
    assert.deepEqual(
      credits.map((c) => c.gross_minor),
      [-500, -700, -700],
    );
    const sum = (k: 'gross_minor' | 'net_minor' | 'tax_minor') => credits.reduce((a, c) => a + c[k], 0);
    assert.deepEqual([sum('gross_minor'), sum('net_minor'), sum('tax_minor')], [-1900, -1597, -303]);
    assert.deepEqual(
      all.map((i) => i.sequence),
      [1, 2, 3, 4],
    );
    // Each note credits a part of the invoice: a correction (§ 17 UStG), not a cancellation.
    const admin = new TestClient(app.app);
    await admin.login();
    const pdf = await admin.get(`/admin/invoices/${first.id}.pdf`);
    assert.match(await pdfText(pdf.rawPayload), /^Credit note \(correction\) /m);
    const day = first.issued_at.slice(0, 10);
    const list = await admin.get(`/admin/invoices?from=${day}&to=${day}`);
    assert.equal(list.body.match(/class="badge">Credit note \(correction\)</g)?.length, 3);
    assert.doesNotMatch(list.body, /\(cancellation\)/);
  });

  test('the buyer downloads their invoice from the library; others get 404', async () => {
    const app = await setUp();
    const p = await seedPurchase(app.services, { status: 'paid' });
    const { issueInvoiceForOrder } = await import('./jobs.js');
    const inv = await issueInvoiceForOrder(app.services, p.orderId);
    assert.ok(inv);
    const { startCustomerSession } = await import('../library/sessions.js');
    const mine = await startCustomerSession(app.services.database.db, p.email);
    const other = await startCustomerSession(app.services.database.db, 'someone@example.com');
    const url = `/library/invoices/${inv.id}.pdf`;
    const ok = await app.app.inject({ url, headers: { cookie: `vf_customer=${mine}` } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['content-type'], 'application/pdf');
    assert.equal(ok.headers['content-disposition'], `attachment; filename="${inv.number}.pdf"`);
    assert.equal(ok.rawPayload.subarray(0, 8).toString(), '%PDF-1.7');
    const xmlUrl = `/library/invoices/${inv.id}.xml`;
    const xml = await app.app.inject({ url: xmlUrl, headers: { cookie: `vf_customer=${mine}` } });
    assert.equal(xml.statusCode, 200);
    assert.equal(xml.headers['content-type'], 'application/xml; charset=utf-8');
    assert.equal(xml.headers['content-disposition'], `attachment; filename="${inv.number}.xml"`);
    // The hybrid PDF carries the very XML the XML download gives.
    const [inside] = (await readArchive(ok.rawPayload)).embedded;
    assert.equal(inside?.fileName, 'factur-x.xml');
    assert.ok(inside?.bytes.equals(xml.rawPayload));
    const receipt = await app.app.inject({
      url: `/library/orders/${p.orderId}`,
      headers: { cookie: `vf_customer=${mine}` },
    });
    assert.match(receipt.body, new RegExp(url.replace('.', '\\.')));
    assert.match(receipt.body, new RegExp(xmlUrl.replace('.', '\\.')));
    const denied = await app.app.inject({ url, headers: { cookie: `vf_customer=${other}` } });
    assert.equal(denied.statusCode, 404);
  });

  test('without tax settings no invoice is issued (nothing half-made)', async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    const p = await seedPurchase(t.services, { status: 'paid' });
    const { issueInvoiceForOrder } = await import('./jobs.js');
    assert.equal(await issueInvoiceForOrder(t.services, p.orderId), undefined);
  });
});
