import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Invoice } from '../../db/schema.js';
import { TaxError } from '../tax/categories.js';
import { buildCiiXml, buildXRechnungXml, type CiiOrder, hasXRechnung, xrechnungGaps } from './cii.js';
import { type CiiFinding, loadCiiValidator, type ValidateCii } from './cii-validator.testing.js';
import { addressed, buyer, creditNoteOf, invoice, line, seller } from './fixtures.testing.js';

const show = (findings: CiiFinding[]) => findings.map((e) => `${e.ruleset} ${e.id} (${e.flag}): ${e.text}`).join('\n');
const ORDER: CiiOrder = { number: '2026-000042', provider: 'stripe' };

describe('XRechnung 3.0 CII passes the EN 16931 and the XRechnung rules', () => {
  let validate: ValidateCii;
  before(async () => {
    validate = await loadCiiValidator();
  });

  const cases: [string, () => Invoice][] = [
    [
      'B2B domestic',
      () => invoice([line()], { buyer: buyer('DE', 'DE811569869', { name: 'Muster GmbH', ...addressed }) }),
    ],
    [
      'B2B reverse charge (EU buyer with VAT ID)',
      () =>
        invoice([line({ scheme: 'reverse_charge', taxCountry: null, rateBp: 0 })], {
          buyer: buyer('AT', 'ATU13585627', {
            name: 'Beispiel GmbH',
            street: 'Ring 2',
            postcode: '1010',
            city: 'Wien',
          }),
        }),
    ],
    [
      'small business (§ 19 UStG)',
      () =>
        invoice([line({ scheme: 'small_business', rateBp: 0 })], {
          mode: 'small_business',
          seller: { ...seller, vatId: null },
          buyer: buyer('DE', null, addressed),
        }),
    ],
    [
      'several rates and a quantity',
      () =>
        invoice(
          [
            line(),
            line({ title: 'E-Book', category: 'e_publication', rateBp: 700, grossMinor: 1299 }),
            line({ title: 'Templates', quantity: 3, grossMinor: 2997 }),
          ],
          { locale: 'en', buyer: buyer('DE', null, addressed) },
        ),
    ],
    ['B2C with a billing address', () => invoice([line()], { buyer: buyer('DE', null, addressed) })],
    [
      'B2C in another member state (OSS)',
      () =>
        invoice([line({ scheme: 'oss', taxCountry: 'FR', rateBp: 2000 })], {
          buyer: buyer('FR', null, { street: '1 rue de Rivoli', postcode: '75001', city: 'Paris' }),
        }),
    ],
    [
      'non-EU buyer',
      () =>
        invoice([line({ scheme: 'non_eu', taxCountry: null, rateBp: 0 })], {
          buyer: buyer('US', null, { postcode: '10001', city: 'New York' }),
        }),
    ],
  ];
  for (const [name, make] of cases) {
    test(name, () => {
      const r = validate(buildXRechnungXml(make(), { order: ORDER }), { xrechnung: true });
      // Not a single finding: no error, and no warning either.
      assert.deepEqual(r.findings, [], show(r.findings));
      assert.equal(r.valid, true);
    });
  }

  test('credit note referencing the original', () => {
    const original = invoice([line(), line({ rateBp: 700, grossMinor: 500 })], { buyer: buyer('DE', null, addressed) });
    const xml = buildXRechnungXml(creditNoteOf(original), { original, order: ORDER });
    assert.match(xml, /<ram:TypeCode>381<\/ram:TypeCode>/);
    assert.match(xml, /Erstattet am 02\.03\.2026\./);
    const r = validate(xml, { xrechnung: true });
    assert.deepEqual(r.findings, [], show(r.findings));
  });

  test('test payments and free orders carry their own payment means', () => {
    const inv = invoice([line()], { buyer: buyer('DE', null, addressed) });
    for (const provider of ['test', 'free']) {
      const r = validate(buildXRechnungXml(inv, { order: { ...ORDER, provider } }), { xrechnung: true });
      assert.deepEqual(r.findings, [], `${provider}\n${show(r.findings)}`);
    }
  });

  test('the identifiers, buyer reference, payment and contact are where XRechnung reads them', () => {
    const xml = buildXRechnungXml(invoice([line()], { buyer: buyer('DE', null, addressed) }), { order: ORDER });
    for (const piece of [
      /<ram:BusinessProcessSpecifiedDocumentContextParameter>\s*<ram:ID>urn:fdc:peppol\.eu:2017:poacc:billing:01:1\.0</,
      /<ram:ID>urn:cen\.eu:en16931:2017#compliant#urn:xeinkauf\.de:kosit:xrechnung_3\.0<\/ram:ID>/,
      /<ram:BuyerReference>2026-000042<\/ram:BuyerReference>/,
      /<ram:TypeCode>68<\/ram:TypeCode>/,
      /<ram:Description>Bezahlt am 02\.03\.2026\.<\/ram:Description>/,
      /<ram:TotalPrepaidAmount>19\.00<\/ram:TotalPrepaidAmount>\s*<ram:DuePayableAmount>0\.00</,
      /<ram:CompleteNumber>\+49 30 1234567<\/ram:CompleteNumber>/,
      /<ram:URIID schemeID="EM">kim@example\.com<\/ram:URIID>/,
    ]) {
      assert.match(xml, piece);
    }
  });

  test('the EN 16931 XML keeps its own identifier and still passes (no XRechnung identifiers)', () => {
    const xml = buildCiiXml(invoice([line()]), undefined, ORDER);
    assert.match(xml, /<ram:ID>urn:cen\.eu:en16931:2017<\/ram:ID>/);
    assert.doesNotMatch(xml, /xrechnung|BusinessProcess/);
    assert.deepEqual(validate(xml).errors, []);
  });

  test('the rules catch what is missing: the XRechnung rules are really run', () => {
    const xml = buildCiiXml(invoice([line()]))
      .replace('urn:cen.eu:en16931:2017<', 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0<')
      .replace(/<ram:DefinedTradeContact>[\s\S]*?<\/ram:DefinedTradeContact>/, '');
    const ids = validate(xml, { xrechnung: true }).errors.map((e) => e.id);
    for (const id of ['BR-DE-1', 'BR-DE-2', 'BR-DE-15']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  });

  test('an invoice without phone, contact or buyer address cannot be an XRechnung: a clear error', () => {
    const noPhone = invoice([line()], {
      seller: { ...seller, contact: { ...(seller.contact as NonNullable<typeof seller.contact>), phone: '' } },
      buyer: buyer('DE', null, addressed),
    });
    assert.deepEqual(xrechnungGaps(noPhone), ['seller_phone']);
    const old = invoice([line()], { seller: { ...seller, contact: undefined, email: '' } });
    assert.deepEqual(xrechnungGaps(old), ['seller_contact', 'seller_phone', 'buyer_address']);
    assert.equal(hasXRechnung(old), false);
    const addressedInv = invoice([line()], { buyer: buyer('DE', null, addressed) });
    assert.equal(hasXRechnung(addressedInv), true);
    for (const make of [
      () => buildXRechnungXml(noPhone, { order: ORDER }),
      () => buildXRechnungXml(addressedInv, {}),
    ]) {
      assert.throws(make, (e: unknown) => e instanceof TaxError && e.code === 'xrechnung_incomplete');
    }
  });
});
