import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadCiiValidator, type ValidateCii } from './cii-validator.testing.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../test/einvoice-rules/examples');
const example = (name: string) => readFileSync(resolve(EXAMPLES, name), 'utf8');

describe('the e-invoice rule runner (EN 16931 + XRechnung schematron, kept in the repository)', () => {
  let validate: ValidateCii;
  before(async () => {
    validate = await loadCiiValidator();
  });

  it('passes the official XRechnung test-suite invoice with no finding under both rule sets', () => {
    const r = validate(example('valid-xrechnung-cii.xml'));
    assert.match(r.specificationId, /xrechnung/i);
    assert.deepEqual(r.findings, []);
    assert.equal(r.valid, true);
  });

  it('finds exactly the defects put into the broken copy, from both rule sets', () => {
    const r = validate(example('broken-xrechnung-cii.xml'));
    assert.equal(r.valid, false);
    const ids = new Set(r.errors.map((f) => `${f.ruleset}:${f.id}`));
    for (const id of ['en16931:BR-02', 'en16931:BR-CO-15', 'en16931:BR-CO-16', 'xrechnung:BR-DE-15']) {
      assert.ok(ids.has(id), `${id} expected among ${[...ids].join(', ')}`);
    }
  });

  it('runs the XRechnung rules only when asked or when BT-24 names XRechnung', () => {
    const broken = example('broken-xrechnung-cii.xml');
    const enOnly = validate(broken, { xrechnung: false });
    assert.ok(enOnly.errors.length > 0);
    assert.ok(enOnly.findings.every((f) => f.ruleset === 'en16931'));
  });

  it('never calls ill-formed XML or another document type valid', () => {
    assert.throws(() => validate('<rsm:CrossIndustryInvoice'), /./);
    assert.throws(() => validate('<Invoice xmlns="urn:oasis:names:specification:ubl"/>'), /not a CII invoice/);
  });
});
