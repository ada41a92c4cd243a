import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import '../index.js';
import type { Party } from '../invoices/model.js';
import { pdfText, qpdfCheck, readArchive } from '../invoices/pdf-archive.testing.js';
import { type CreditNoteDocument, creditNoteAmounts } from './credit-note.js';
import { renderCreditNotePdf } from './credit-note-pdf.js';

const store: Party = {
  name: 'Lena Schreiber Medien',
  street: 'Hauptstraße 5',
  postcode: '10115',
  city: 'Berlin',
  country: 'DE',
  email: 'lena@example.com',
  vatId: 'DE136695976',
  taxNumber: null,
};
const seller: Party = {
  name: 'Jürgen Größe',
  street: 'Lindenweg 2',
  postcode: '80331',
  city: 'München',
  country: 'DE',
  email: 'juergen@example.com',
  vatId: null,
  taxNumber: '143/456/78901',
};
const doc = (scheme: CreditNoteDocument['scheme'], rateBp: number, locale: 'de' | 'en'): CreditNoteDocument => ({
  scheme,
  rateBp,
  ...creditNoteAmounts(10_000, rateBp),
  number: 'GS-2026-00003',
  issuedAt: '2026-12-01T02:00:00.000Z',
  period: '2026-12',
  locale,
  currency: 'EUR',
  seller,
  buyer: store,
  iban: 'DE02120300000000202051',
  partnerId: 'JUERGEN',
});

describe('credit note PDF', () => {
  it('says Gutschrift, carries the affiliate’s tax number, and shows 19 % VAT on top', async () => {
    const pdf = await renderCreditNotePdf(doc('domestic', 1900, 'de'));
    const text = await pdfText(pdf);
    assert.match(text, /Gutschrift GS-2026-00003/);
    assert.match(text, /Steuernummer 143\/456\/78901/);
    assert.match(text, /USt\. 19 %/);
    assert.match(text, /119,00\s€/);
    const archive = await readArchive(pdf);
    assert.equal(archive.embedded[0]?.fileName, 'factur-x.xml');
    assert.match(archive.embedded[0]?.bytes.toString('utf8') ?? '', /<ram:TypeCode>389</);
    assert.ok(archive.fonts.every((f) => f.embedded));
    assert.match(archive.xmp, /pdfaid:part[^0-9]*3/, 'PDF/A-3');
    const qpdf = qpdfCheck(pdf);
    if (qpdf.available) assert.ok(qpdf.ok, qpdf.output);
  });

  it('a small business gets no VAT and the § 19 note; English keeps the word Gutschrift', async () => {
    const text = await pdfText(await renderCreditNotePdf(doc('small_business', 0, 'en')));
    assert.match(text, /Gutschrift \(self-billed invoice\)/);
    assert.match(text, /Gemäß § 19 UStG wird keine Umsatzsteuer berechnet\./);
    assert.doesNotMatch(text, /VAT 19/);
  });

  it('renders the same bytes for the same credit note', async () => {
    const a = await renderCreditNotePdf(doc('reverse_charge', 0, 'de'));
    const b = await renderCreditNotePdf(doc('reverse_charge', 0, 'de'));
    assert.ok(a.equals(b));
    assert.match(await pdfText(a), /Reverse Charge/);
  });
});
