import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPain001, type SepaOrder } from './pain001.js';
import { validatePain001 } from './pain001-schema.testing.js';
import { sepaText } from './sepa-text.js';

const order = (over: Partial<SepaOrder> = {}): SepaOrder => ({
  messageId: 'VF-20261207-0001',
  createdAt: new Date('2026-12-07T05:30:12.345Z'),
  executionDate: '2026-12-08',
  debtor: { name: 'Lena Schreiber Medien', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
  transfers: [
    {
      endToEndId: 'GS-2026-00001',
      amountMinor: 5950,
      name: 'Jürgen Größe & Söhne',
      iban: 'DE02120300000000202051',
      bic: 'BYLADEM1001',
      remittance: 'Gutschrift GS-2026-00001',
    },
    {
      endToEndId: 'GS-2026-00002',
      amountMinor: 10001,
      name: 'Zoë Ærøskøbing',
      iban: 'FR7630006000011234567890189',
      bic: null,
      remittance: 'Gutschrift GS-2026-00002',
    },
  ],
  ...over,
});

describe('SEPA credit transfer file (pain.001.001.09)', () => {
  it('passes the EPC pain.001.001.09 schema, with group totals in cents turned to decimals', async () => {
    const xml = buildPain001(order());
    const r = await validatePain001(xml);
    assert.deepEqual(r.errors, []);
    assert.equal(r.valid, true);
    assert.match(xml, /<NbOfTxs>2<\/NbOfTxs>/);
    assert.equal(
      xml.match(/<CtrlSum>159\.51<\/CtrlSum>/g)?.length,
      2,
      'header and instruction both sum 59.50 + 100.01',
    );
    assert.match(xml, /<InstdAmt Ccy="EUR">59\.50<\/InstdAmt>/);
    assert.match(xml, /<EndToEndId>GS-2026-00001<\/EndToEndId>/);
    assert.match(xml, /<Ustrd>Gutschrift GS-2026-00001<\/Ustrd>/);
    assert.match(xml, /<IBAN>DE89370400440532013000<\/IBAN>/, 'IBAN in electronic format');
    assert.match(xml, /<CreDtTm>2026-12-07T05:30:12Z<\/CreDtTm>/);
  });

  it('transliterates names into the SEPA character set', () => {
    const xml = buildPain001(order());
    assert.match(xml, /<Nm>Juergen Groesse \+ Soehne<\/Nm>/);
    assert.match(xml, /<Nm>Zoe AEroskobing<\/Nm>/);
    assert.equal(sepaText('Émile «Zola» @ home // x', 70), 'Emile Zola home / x');
    assert.equal(sepaText('x'.repeat(100), 70).length, 70);
  });

  it('writes NOTPROVIDED for a debtor bank without BIC, and leaves out an unknown creditor BIC', async () => {
    const xml = buildPain001(order({ debtor: { name: 'Store', iban: 'DE89370400440532013000', bic: null } }));
    assert.match(xml, /<Othr>\s*<Id>NOTPROVIDED<\/Id>/);
    assert.equal((await validatePain001(xml)).valid, true);
  });

  it('the schema check rejects a broken file (so a pass means something)', async () => {
    const good = buildPain001(order());
    const broken = good
      .replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>CHK</PmtMtd>')
      .replace(/<CtrlSum>159\.51/, '<CtrlSum>abc');
    const r = await validatePain001(broken);
    assert.equal(r.valid, false);
    assert.ok(
      r.errors.some((e) => /PmtMtd/.test(e)),
      r.errors.join('\n'),
    );
    assert.ok(
      r.errors.some((e) => /CtrlSum/.test(e)),
      r.errors.join('\n'),
    );
    const noAmount = good.replace(/<Amt>[\s\S]*?<\/Amt>/, '');
    assert.equal((await validatePain001(noAmount)).valid, false);
  });

  it('refuses an empty batch and amounts that are not positive whole cents', () => {
    assert.throws(() => buildPain001(order({ transfers: [] })), RangeError);
    const [t] = order().transfers;
    assert.throws(() => buildPain001(order({ transfers: [{ ...t!, amountMinor: 0 }] })), RangeError);
    assert.throws(() => buildPain001(order({ transfers: [{ ...t!, amountMinor: 12.5 }] })), RangeError);
  });
});
