import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalizeRate, toEurMinor } from './convert.js';
import { isPublicationDay, publicationDayOnOrAfter } from './ecb-calendar.js';

describe('conversion to EUR at an ECB rate', () => {
  test('two-decimal currencies: exact cents', () => {
    // USD 107.05 at 1 EUR = 1.0705 USD is exactly EUR 100.00.
    assert.equal(toEurMinor(10705, 'USD', '1.0705'), 10000);
    // GBP 100.00 at 0.84638: 118.150… → 118.15.
    assert.equal(toEurMinor(10000, 'GBP', '0.84638'), 11815);
    // HUF keeps two decimals at the ECB (ISO 4217): HUF 39,525.00 at 395.25 = EUR 100.00.
    assert.equal(toEurMinor(3952500, 'HUF', '395.25'), 10000);
  });

  test('zero-decimal currencies: JPY minor units are yen', () => {
    assert.equal(toEurMinor(17194, 'JPY', '171.94'), 10000);
    // ¥1,000 at 171.94: 5.8159… → 5.82.
    assert.equal(toEurMinor(1000, 'JPY', '171.94'), 582);
  });

  test('three-decimal currencies use their exponent (KWD fils)', () => {
    // 1.000 KWD at a rate of 0.3 (not an ECB rate: the arithmetic only) = 3.333… → 3.33.
    assert.equal(toEurMinor(1000, 'KWD', '0.3'), 333);
  });

  test('half away from zero, for invoices and credit notes alike', () => {
    // USD 0.05 at 2: EUR 0.025 → 0.03; the credit note's -0.05 → -0.03 (not -0.02).
    assert.equal(toEurMinor(5, 'USD', '2'), 3);
    assert.equal(toEurMinor(-5, 'USD', '2'), -3);
    // Just below the half: 0.0249… rounds down on both sides.
    assert.equal(toEurMinor(5, 'USD', '2.0001'), 2);
    assert.equal(toEurMinor(-5, 'USD', '2.0001'), -2);
    assert.equal(toEurMinor(-10705, 'USD', '1.0705'), -10000);
    assert.equal(toEurMinor(0, 'USD', '1.0705'), 0);
  });

  test('large amounts stay exact', () => {
    // USD 9,999,999.99 at 1.0705 = EUR 9,341,429.2293… → 9,341,429.23.
    assert.equal(toEurMinor(999_999_999, 'USD', '1.0705'), 934_142_923);
    // CHF 0.30 at 0.9634 = EUR 0.3114… → 0.31.
    assert.equal(toEurMinor(30, 'CHF', '0.9634'), 31);
  });

  test('rates are read as exact decimals and compared in one canonical text', () => {
    assert.equal(normalizeRate('171.940'), '171.94');
    assert.equal(normalizeRate(' 11.3500 '), '11.35');
    assert.equal(normalizeRate('0.84638'), '0.84638');
    assert.equal(normalizeRate('17487.21'), '17487.21');
    assert.equal(normalizeRate('007.50'), '7.5');
    assert.equal(normalizeRate('2'), '2');
    for (const bad of ['0', '0.000', '-1.2', '1,0705', '1.07x', '', 'N/A', '1e3', '.5']) {
      assert.equal(normalizeRate(bad), undefined, bad);
    }
    assert.throws(() => toEurMinor(100, 'USD', '0'), RangeError);
    assert.throws(() => toEurMinor(1.5, 'USD', '1.1'), RangeError);
  });
});

describe('ECB publication days (TARGET calendar)', () => {
  test('weekends and TARGET holidays are no publication days', () => {
    assert.equal(isPublicationDay('2026-09-30'), true); // Wednesday
    assert.equal(isPublicationDay('2024-06-29'), false); // Saturday
    assert.equal(isPublicationDay('2024-06-30'), false); // Sunday
    assert.equal(isPublicationDay('2026-01-01'), false);
    assert.equal(isPublicationDay('2026-04-03'), false); // Good Friday 2026
    assert.equal(isPublicationDay('2026-04-06'), false); // Easter Monday 2026
    assert.equal(isPublicationDay('2026-04-07'), true);
    assert.equal(isPublicationDay('2025-04-18'), false); // Good Friday 2025
    assert.equal(isPublicationDay('2026-05-01'), false);
    assert.equal(isPublicationDay('2025-12-25'), false);
    assert.equal(isPublicationDay('2025-12-26'), false);
    assert.equal(isPublicationDay('2025-12-24'), true);
  });

  test('a quarter ending on a weekend or holiday takes the next publication day', () => {
    assert.equal(publicationDayOnOrAfter('2024-06-30'), '2024-07-01'); // Sunday → Monday
    assert.equal(publicationDayOnOrAfter('2023-12-31'), '2024-01-02'); // Sunday, then New Year's Day
    assert.equal(publicationDayOnOrAfter('2026-09-30'), '2026-09-30');
  });
});
