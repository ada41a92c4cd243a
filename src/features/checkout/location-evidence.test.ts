import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type EvidencePiece, weighEvidence } from './location-evidence.js';

const ip = (country: string | null): EvidencePiece => ({ source: 'ip', country });
const language = (country: string | null): EvidencePiece => ({ source: 'language', country });
const vatId = (country: string | null): EvidencePiece => ({ source: 'vat_id', country });

describe('weighEvidence (Art. 24b (d), 24f Implementing Regulation 282/2011)', () => {
  test('an agreeing IP country is the second piece', () => {
    assert.deepEqual(weighEvidence('DE', [ip('DE'), language(null), vatId(null)]), {
      agree: true,
      conflicts: [],
      confirm: null,
      confirmedByBuyer: false,
    });
  });

  test('nothing to compare: no verdict, nothing to confirm', () => {
    assert.deepEqual(weighEvidence('DE', [ip(null), language(null)]), {
      agree: null,
      conflicts: [],
      confirm: null,
      confirmedByBuyer: false,
    });
  });

  test('a contradicting IP with nothing else for the chosen country asks the buyer', () => {
    const v = weighEvidence('DE', [ip('AT'), language(null), vatId(null)]);
    assert.deepEqual(v.confirm, { chosen: 'DE', ipCountry: 'AT' });
    assert.equal(v.agree, false);
    assert.deepEqual(v.conflicts, ['ip']);
    // A browser language of the IP's country does not help the chosen country either.
    assert.deepEqual(weighEvidence('DE', [ip('AT'), language('AT')]).confirm, { chosen: 'DE', ipCountry: 'AT' });
  });

  test('another piece agreeing with the chosen country outweighs the IP: two non-contradictory pieces', () => {
    const byLanguage = weighEvidence('DE', [ip('AT'), language('DE')]);
    assert.deepEqual([byLanguage.agree, byLanguage.conflicts, byLanguage.confirm], [true, ['ip'], null]);
    const byVatId = weighEvidence('DE', [ip('AT'), language(null), vatId('DE')]);
    assert.deepEqual([byVatId.agree, byVatId.conflicts, byVatId.confirm], [true, ['ip'], null]);
  });

  test('the confirmation counts for exactly the chosen country', () => {
    const confirmed = weighEvidence('DE', [ip('AT')], 'DE');
    assert.deepEqual(confirmed, { agree: false, conflicts: ['ip'], confirm: null, confirmedByBuyer: true });
    // Confirmed Germany, then chose France: asked again, now for France.
    assert.deepEqual(weighEvidence('FR', [ip('AT')], 'DE').confirm, { chosen: 'FR', ipCountry: 'AT' });
  });

  test('a confirmation without a conflict is not recorded', () => {
    assert.equal(weighEvidence('AT', [ip('AT')], 'AT').confirmedByBuyer, false);
    assert.equal(weighEvidence('DE', [ip(null)], 'DE').confirmedByBuyer, false);
  });

  test('a contradicting browser language alone is recorded, never asked about', () => {
    const v = weighEvidence('AT', [ip(null), language('FR')]);
    assert.deepEqual([v.agree, v.conflicts, v.confirm], [false, ['language'], null]);
  });

  test('the card country (added from the payment) is one more piece', () => {
    const v = weighEvidence('DE', [ip('AT'), { source: 'card', country: 'DE' }]);
    assert.deepEqual([v.agree, v.confirm], [true, null]);
  });
});
