import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { Invoice } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedPurchase } from '../delivery/testing.js';
import { datevCsv, ossCsv, ossReport } from './exports.js';
import { buildInvoiceDraft } from './model.js';

const inv = (over: Partial<Invoice>, lines: Parameters<typeof buildInvoiceDraft>[0]): Invoice => {
  const d = buildInvoiceDraft(lines, 'regular');
  return {
    id: 'x',
    number: 'RE-2026-00001',
    unique_key: 'k',
    kind: 'invoice',
    order_id: 'o',
    original_invoice_id: null,
    year: 2026,
    sequence: 1,
    issued_at: '2026-04-02T10:00:00.000Z',
    supply_date: '2026-04-02',
    locale: 'de',
    currency: 'EUR',
    mode: 'regular',
    scheme: d.scheme,
    tax_country: d.taxCountry,
    buyer_country: 'FR',
    buyer_vat_id: null,
    seller: '{}',
    buyer: '{"name":"Kim"}',
    lines: JSON.stringify(d.lines),
    breakdown: JSON.stringify(d.breakdown),
    net_minor: d.netMinor,
    tax_minor: d.taxMinor,
    gross_minor: d.grossMinor,
    ...over,
  };
};
const oss = {
  title: 'X',
  quantity: 1,
  category: 'electronic_service' as const,
  scheme: 'oss' as const,
  taxCountry: 'FR',
  rateBp: 2000,
};

describe('exports', () => {
  test('OSS per member state and rate, credit notes subtract, other currencies converted at the ECB rate', () => {
    const invoices = [
      inv({}, [{ ...oss, grossMinor: 1200 }]),
      inv({}, [
        { ...oss, grossMinor: 1200 },
        { ...oss, rateBp: 550, grossMinor: 1055 },
      ]),
      inv({ kind: 'credit_note' }, [{ ...oss, grossMinor: -1200 }]),
      inv({ currency: 'USD', number: 'RE-2026-00009' }, [{ ...oss, grossMinor: 1200 }]),
      inv({}, [{ ...oss, scheme: 'domestic', taxCountry: 'DE', rateBp: 1900, grossMinor: 1900 }]),
    ];
    const withoutRate = ossReport(invoices);
    assert.equal(withoutRate.complete, false);
    assert.deepEqual(withoutRate.missing, [
      { ok: false, currency: 'USD', date: '', reason: 'not-imported', invoices: 1 },
    ]);
    assert.deepEqual(withoutRate.totals, [
      { country: 'FR', rateBp: 2000, netEurMinor: 1000, taxEurMinor: 200, complete: false },
      { country: 'FR', rateBp: 550, netEurMinor: 1000, taxEurMinor: 55, complete: true },
    ]);
    const usd = { ok: true as const, currency: 'USD', date: '2026-06-30', rate: '1.25' };
    const r = ossReport(invoices, new Map([['USD', usd]]));
    assert.equal(r.complete, true);
    // USD 10.00 net / 2.00 VAT at 1 EUR = 1.25 USD: EUR 8.00 / 1.60.
    assert.deepEqual(
      r.rows.map((x) => [x.country, x.rateBp, x.currency, x.netMinor, x.netEurMinor, x.taxEurMinor, x.ecb?.rate]),
      [
        ['FR', 2000, 'EUR', 1000, 1000, 200, undefined],
        ['FR', 2000, 'USD', 1000, 800, 160, '1.25'],
        ['FR', 550, 'EUR', 1000, 1000, 55, undefined],
      ],
    );
    assert.deepEqual(r.totals[0], { country: 'FR', rateBp: 2000, netEurMinor: 1800, taxEurMinor: 360, complete: true });
    assert.equal(
      ossCsv(r),
      'country,rate_percent,net_eur,vat_eur,currency,net,vat,ecb_rate,ecb_rate_date,note\r\n' +
        'FR,20,10.00,2.00,EUR,10.00,2.00,,,\r\n' +
        'FR,20,8.00,1.60,USD,10.00,2.00,1.25,2026-06-30,\r\n' +
        'FR,5.5,10.00,0.55,EUR,10.00,0.55,,,\r\n',
    );
    assert.match(ossCsv(withoutRate), /\r\nFR,20,,,USD,10\.00,2\.00,,,rate_missing\r\n/);
  });

  test('DATEV EXTF: header, columns, one booking per invoice, credit notes on the H side', () => {
    const csv = datevCsv(
      [
        inv({}, [{ ...oss, scheme: 'domestic', taxCountry: 'DE', rateBp: 1900, grossMinor: 1900 }]),
        inv({ kind: 'credit_note', number: 'RE-2026-00002' }, [
          { ...oss, scheme: 'domestic', taxCountry: 'DE', rateBp: 1900, grossMinor: -1900 },
        ]),
      ],
      {
        from: '2026-04-01',
        to: '2026-06-30',
        consultant: '1234567',
        client: '12345',
        createdAt: new Date('2026-07-01T08:00:00Z'),
      },
    );
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    assert.match(
      lines[0] ?? '',
      /^"EXTF";700;21;"Buchungsstapel";13;20260701080000000;;"RE";"";"";1234567;12345;20260101;4;20260401;20260630;/,
    );
    assert.match(lines[1] ?? '', /^Umsatz \(ohne Soll\/Haben-Kz\);Soll\/Haben-Kennzeichen;/);
    const fields = (line: string | undefined) => (line ?? '').split(';');
    assert.equal(fields(lines[1]).length, 41);
    assert.deepEqual(fields(lines[1]).slice(39), ['EU-Land u. UStID (Bestimmung)', 'EU-Steuersatz (Bestimmung)']);
    assert.equal(
      fields(lines[2]).slice(0, 14).join(';'),
      '19,00;"S";"EUR";;;;1360;8400;;0204;"RE-2026-00001";"";;"Rechnung RE-2026-00001"',
    );
    assert.deepEqual(fields(lines[2]).slice(14), Array(27).fill(''));
    assert.match(lines[3] ?? '', /^19,00;"H";/);
    assert.match(lines[3] ?? '', /;"Korrektur RE-2026-00002";/, 'a credit note of unknown extent is a correction');
    const cancel = datevCsv(
      [
        {
          ...inv({ kind: 'credit_note', number: 'RE-2026-00003' }, [
            { ...oss, scheme: 'domestic', taxCountry: 'DE', rateBp: 1900, grossMinor: -1900 },
          ]),
          gross_minor: -1900,
          original_gross_minor: 1900,
        },
      ],
      { from: '2026-04-01', to: '2026-06-30', consultant: '1', client: '1' },
    );
    assert.match(cancel, /;"Storno RE-2026-00003";/, 'a credit note for the whole invoice cancels it');
  });

  test('DATEV EXTF: OSS sales carry the member state and its rate, reverse charges the buyer’s VAT ID', () => {
    const csv = datevCsv(
      [
        inv({}, [{ ...oss, taxCountry: 'AT', grossMinor: 1200 }]),
        inv({}, [{ ...oss, taxCountry: 'GR', rateBp: 2400, grossMinor: 1240 }]),
        inv({ buyer_vat_id: 'FR40303265045' }, [
          { ...oss, scheme: 'reverse_charge', taxCountry: null, rateBp: 0, grossMinor: 1200 },
        ]),
      ],
      { from: '2026-04-01', to: '2026-06-30', consultant: '', client: '' },
    );
    const rows = csv
      .trimEnd()
      .split('\r\n')
      .slice(2)
      .map((l) => l.split(';'));
    assert.deepEqual(
      rows.map((r) => [r[7], r.length, r[39], r[40]]),
      [
        ['8331', 41, '"AT"', '20,00'],
        ['8331', 41, '"EL"', '24,00'],
        ['8336', 41, '"FR40303265045"', ''],
      ],
    );
  });
});

describe('admin pages', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
  });
  test('tax settings are validated and saved; invoices page and exports answer', async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    const c = new TestClient(t.app);
    await c.login();
    const bad = await c.postForm('/admin/tax', {
      mode: 'regular',
      country: 'DE',
      businessName: 'Lena',
      street: 'S 1',
      postcode: '10115',
      city: 'Berlin',
      vatId: 'DE136695977',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /not a valid VAT ID/);
    const ok = await c.postForm(
      '/admin/tax',
      {
        mode: 'small_business',
        country: 'DE',
        businessName: 'Lena',
        street: 'S 1',
        postcode: '10115',
        city: 'Berlin',
        taxNumber: '27/123/45678',
        invoicePrefix: 'RE-',
        contactName: 'Lena Schreiber',
        contactEmail: 'lena@example.com',
      },
      { formPage: '/admin/tax' },
    );
    assert.equal(ok.statusCode, 303);
    const mode = await t.services.database.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'tax.mode')
      .executeTakeFirst();
    assert.equal(mode?.value, 'small_business');
    const p = await seedPurchase(t.services, { status: 'paid' });
    const { issueInvoiceForOrder } = await import('./jobs.js');
    const issued = await issueInvoiceForOrder(t.services, p.orderId);
    assert.equal(issued?.scheme, 'small_business');
    const page = await c.get('/admin/invoices');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(issued?.number ?? '?'));
    const zip = await c.get('/admin/invoices/export.zip');
    assert.equal(zip.statusCode, 200);
    assert.equal(zip.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal((await c.get('/admin/invoices/datev.csv')).statusCode, 200);
    assert.equal((await c.get(`/admin/invoices/${issued?.id}.xml`)).statusCode, 200);
  });
});
