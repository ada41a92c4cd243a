import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Invoice } from '../../db/schema.js';
import { buildCiiXml } from './cii.js';
import { loadCiiValidator, type ValidateCii } from './cii-validator.testing.js';
import { buyer, creditNoteOf, invoice, line, seller } from './fixtures.testing.js';
import { renderInvoicePdf } from './pdf.js';
import { FACTURX_NS } from './pdf-archive.js';
import { pdfText, qpdfCheck, readArchive, xmpValues } from './pdf-archive.testing.js';
import { printable } from './pdf-fonts.js';

const address = { street: 'Königsallee 1', postcode: '40212', city: 'Düsseldorf' };

/** The spread of invoices an archive must hold: name, invoice, the original a credit note cancels. */
const cases: [string, () => { inv: Invoice; original?: Invoice }][] = [
  [
    'B2B reverse charge (AT), in English',
    () => ({
      inv: invoice([line({ scheme: 'reverse_charge', taxCountry: null, rateBp: 0 })], {
        buyer: buyer('AT', 'ATU13585627', {
          name: 'Wiener Kurse GmbH',
          street: 'Ring 1',
          postcode: '1010',
          city: 'Wien',
        }),
        locale: 'en',
      }),
    }),
  ],
  [
    'domestic B2B, a seller name with & and <>',
    () => ({
      inv: invoice(
        [line(), line({ title: 'Übungsheft „Tabellen“', category: 'e_publication', rateBp: 700, grossMinor: 1299 })],
        {
          buyer: buyer('DE', 'DE811569869', { name: 'Jörg Müller GmbH & Co. KG', ...address }),
          seller: { ...seller, name: 'Müller & Söhne <Kurse>' },
        },
      ),
    }),
  ],
  [
    'small business (§ 19 UStG)',
    () => ({
      inv: invoice([line({ scheme: 'small_business', rateBp: 0 })], {
        mode: 'small_business',
        seller: { ...seller, vatId: null },
      }),
    }),
  ],
  [
    'credit note',
    () => {
      const original = invoice([line(), line({ rateBp: 700, grossMinor: 500 })], {
        buyer: buyer('DE', null, { name: 'Kim Buyer', ...address }),
      });
      return { inv: creditNoteOf(original), original };
    },
  ],
];

describe('invoice PDFs are PDF/A-3b with the Factur-X (EN 16931) XML inside', () => {
  let validate: ValidateCii;
  before(async () => {
    validate = await loadCiiValidator();
  });

  for (const [name, make] of cases) {
    test(name, async () => {
      const { inv, original } = make();
      const xml = buildCiiXml(inv, original);
      const pdf = await renderInvoicePdf(inv, original, { facturX: Buffer.from(xml, 'utf8') });
      const a = await readArchive(pdf);

      assert.equal(a.header, '%PDF-1.7');
      const xmp = xmpValues(a.xmp, {
        part: '//pdfaid:part',
        conformance: '//pdfaid:conformance',
        type: '//fx:DocumentType',
        file: '//fx:DocumentFileName',
        version: '//fx:Version',
        level: '//fx:ConformanceLevel',
        schemaFor: '//pdfaSchema:namespaceURI',
        schemaPrefix: '//pdfaSchema:prefix',
        schemaProperties: '//pdfaSchema:property//pdfaProperty:name',
        creator: '//dc:creator//*:li',
      });
      assert.deepEqual(xmp, {
        part: '3',
        conformance: 'B',
        type: 'INVOICE',
        file: 'factur-x.xml',
        version: '1.0',
        level: 'EN 16931',
        schemaFor: FACTURX_NS,
        schemaPrefix: 'fx',
        schemaProperties: 'DocumentFileName|DocumentType|Version|ConformanceLevel',
        creator: JSON.parse(inv.seller).name,
      });

      assert.equal(a.embedded.length, 1);
      const [file] = a.embedded;
      assert.ok(file);
      assert.deepEqual(
        { ...file, bytes: undefined },
        {
          key: 'factur-x.xml',
          fileName: 'factur-x.xml',
          unicodeName: 'factur-x.xml',
          relationship: 'Alternative',
          mimeType: 'text/xml',
          hasModDate: true,
          bytes: undefined,
          inCatalogAF: true,
        },
      );
      assert.equal(file.bytes.toString('utf8'), xml);
      const r = validate(file.bytes.toString('utf8'));
      assert.equal(r.valid, true, r.errors.map((e) => `${e.id}: ${e.text}`).join('\n'));

      assert.ok(a.fonts.length >= 2, 'regular and bold');
      for (const f of a.fonts) assert.equal(f.embedded, true, `${f.name} (${f.subtype}) is not embedded`);
      assert.ok(
        a.fonts.every((f) => /^[A-Z]{6}\+NotoSans-(Regular|Bold)$/.test(f.name)),
        JSON.stringify(a.fonts),
      );

      assert.equal(a.outputIntents.length, 1);
      const [intent] = a.outputIntents;
      assert.equal(intent?.subtype, 'GTS_PDFA1');
      assert.equal(intent?.iccComponents, 3);
      assert.equal(intent?.icc.subarray(36, 40).toString('latin1'), 'acsp', 'an ICC profile');
      assert.match(intent?.icc.subarray(16, 20).toString('latin1') ?? '', /^RGB /);

      const q = qpdfCheck(pdf);
      if (q.available) assert.equal(q.ok, true, q.output);
      else if (process.env.CI) assert.fail(`qpdf is missing: ${q.output}`);
    });
  }

  test('a currency with 3 decimals: PDF/A-3 without an e-invoice inside', async () => {
    const pdf = await renderInvoicePdf(invoice([line({ grossMinor: 1000 })], { currency: 'KWD' }));
    const a = await readArchive(pdf);
    assert.equal(a.header, '%PDF-1.7');
    assert.deepEqual(xmpValues(a.xmp, { part: '//pdfaid:part', level: '//fx:ConformanceLevel' }), {
      part: '3',
      level: '',
    });
    assert.deepEqual(a.embedded, []);
    assert.ok(a.fonts.length > 0 && a.fonts.every((f) => f.embedded));
  });

  test('the same invoice renders to the same bytes', async () => {
    const inv = invoice([line()]);
    const facturX = Buffer.from(buildCiiXml(inv), 'utf8');
    const [a, b] = await Promise.all([
      renderInvoicePdf(inv, undefined, { facturX }),
      renderInvoicePdf(inv, undefined, { facturX }),
    ]);
    assert.ok(a.equals(b));
  });

  test('§ 19, reverse charge and non-EU invoices print the note, not "0 %" as a rate; the order number is printed', async () => {
    const cases = [
      [
        invoice([line({ scheme: 'small_business', rateBp: 0 })], { mode: 'small_business' }),
        /Steuerbefreiung für Kleinunternehmer: Gemäß § 19 UStG wird keine Umsatzsteuer berechnet\./,
      ],
      [
        invoice([line({ scheme: 'reverse_charge', taxCountry: null, rateBp: 0 })], {
          buyer: buyer('AT', 'ATU13585627', { name: 'Wiener Kurse GmbH', ...address }),
        }),
        /Steuerschuldnerschaft des Leistungsempfängers \(Reverse Charge\)\./,
      ],
      [
        invoice([line({ scheme: 'non_eu', taxCountry: null, rateBp: 0 })], { buyer: buyer('US') }),
        /Leistungsort außerhalb der EU/,
      ],
    ] as const;
    for (const [inv, note] of cases) {
      const text = await pdfText(await renderInvoicePdf(inv, undefined, { orderNumber: '1042' }));
      assert.match(text, note);
      assert.doesNotMatch(text, /\b0 %/, `no zero rate printed: ${text}`);
      assert.doesNotMatch(text, /^USt\./m, 'no VAT column or VAT line');
      assert.match(text, /Bestellnummer\n1042\n/);
      assert.match(text, /Rechnungsdatum\n02\.03\.2026\n/, 'two-digit day and month');
    }
    const taxed = await pdfText(await renderInvoicePdf(invoice([line()])));
    assert.match(taxed, /\n19 %\n/, 'a taxed line keeps its rate');
  });

  test('a credit note for the whole invoice is a Stornorechnung, one for a part a Rechnungskorrektur (§ 17 UStG)', async () => {
    const original = invoice([line(), line({ rateBp: 700, grossMinor: 500 })]);
    const full = await pdfText(await renderInvoicePdf(creditNoteOf(original), original));
    assert.match(full, /^Stornorechnung RE-2026-00002$/m);
    assert.match(full, /^Storno der Rechnung RE-2026-00001 vom 02\.03\.2026/m);
    const part = creditNoteOf(invoice([line({ grossMinor: 500 })]));
    const partial = await pdfText(await renderInvoicePdf(part, original));
    assert.match(partial, /^Rechnungskorrektur RE-2026-00002$/m);
    assert.match(partial, /^Korrektur der Rechnung RE-2026-00001 vom 02\.03\.2026:[\s\S]*§ 17 UStG/m);
    assert.doesNotMatch(partial, /Storno/);
  });

  test('characters the font lacks become "?" (PDF/A forbids .notdef); umlauts, ß and € stay', () => {
    assert.equal(printable('Jörg Weiß, 19,00\u00a0€ 山田'), 'Jörg Weiß, 19,00\u00a0€ ??');
    assert.equal(printable('Łódź\nΑθήνα Москва'), 'Łódź\nΑθήνα Москва');
    // Decomposed umlauts (as some keyboards send them) are composed first.
    assert.equal(printable('Mu\u0308ller'), 'Müller');
  });
});
