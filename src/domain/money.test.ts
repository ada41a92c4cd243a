import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  amountSeparators,
  formatAmountInput,
  formatMoney,
  parseAmount,
  percentOf,
  readAmount,
  toDecimalString,
} from './money.js';

test('readAmount reads amounts the way a German speaker writes them', () => {
  const cases: [string, string, number | string][] = [
    ['12', 'EUR', 1200],
    ['12,5', 'EUR', 1250],
    ['12,50', 'EUR', 1250],
    ['0,99', 'EUR', 99],
    ['1.234,56', 'EUR', 123456],
    ['1.234.567', 'EUR', 123456700],
    ['1 234,56', 'EUR', 123456],
    ['1\u00a0234,56', 'EUR', 123456],
    [' 7 ', 'EUR', 700],
    // A point before anything but three digits cannot group thousands: the English way, read as decimals.
    ['12.50', 'EUR', 1250],
    ['1,234.56', 'EUR', 123456],
    // The reported case: three decimals are too many for EUR.
    ['9,001', 'EUR', 'too-many-decimals'],
    ['12,345', 'EUR', 'too-many-decimals'],
    ['12,3456', 'EUR', 'too-many-decimals'],
    // A point before three digits: thousands, or decimals typed the English way?
    ['9.001', 'EUR', 'ambiguous'],
    ['1.234', 'EUR', 'ambiguous'],
    ['0,001', 'EUR', 'too-many-decimals'],
    // No decimals in yen: the point groups thousands, a comma is refused.
    ['500', 'JPY', 500],
    ['1.500', 'JPY', 1500],
    ['1,5', 'JPY', 'too-many-decimals'],
    // Three decimals in dinar: the German decimal comma is read as such.
    ['1,234', 'KWD', 1234],
    ['1,5', 'KWD', 1500],
    ['1,2345', 'KWD', 'too-many-decimals'],
    ['1.234', 'KWD', 'ambiguous'],
    ['1.234,567', 'KWD', 1234567],
    ['-5', 'EUR', 'negative'],
    ['\u22125', 'EUR', 'negative'],
    ['1e5', 'EUR', 'invalid'],
    ['abc', 'EUR', 'invalid'],
    ['', 'EUR', 'invalid'],
    ['12,', 'EUR', 'invalid'],
    [',5', 'EUR', 'invalid'],
    ['+5', 'EUR', 'invalid'],
    ['1.2.3', 'EUR', 'invalid'],
    ['1,2.3', 'EUR', 'invalid'],
    ['12.34,5', 'EUR', 'invalid'],
    ['1.234.56', 'EUR', 'invalid'],
    ['12 50', 'EUR', 'invalid'],
    ['Infinity', 'EUR', 'invalid'],
    ['0x10', 'EUR', 'invalid'],
    ['99999999999', 'EUR', 'too-large'],
    ['10.000.000,01', 'EUR', 'too-large'],
    ['10.000.000', 'EUR', 1_000_000_000],
  ];
  for (const [input, cur, want] of cases) {
    const r = readAmount(input, cur, 'de');
    assert.deepEqual(
      r,
      typeof want === 'number' ? { ok: true, minor: want } : { ok: false, reason: want },
      `de ${input} ${cur}`,
    );
  }
});

test('readAmount reads amounts the way an English speaker writes them', () => {
  const cases: [string, string, number | string][] = [
    ['12', 'USD', 1200],
    ['12.5', 'EUR', 1250],
    ['12.50', 'EUR', 1250],
    ['1,234.56', 'USD', 123456],
    ['1,234,567', 'GBP', 123456700],
    ["1'234.50", 'CHF', 123450],
    // A comma before anything but three digits cannot group thousands: the German way, read as decimals.
    ['12,50', 'EUR', 1250],
    ['1.234,56', 'EUR', 123456],
    // The reported case: nine thousand and one, or nine euros typed the German way?
    ['9,001', 'EUR', 'ambiguous'],
    ['1,234', 'USD', 'ambiguous'],
    ['9.001', 'EUR', 'too-many-decimals'],
    ['12.345', 'EUR', 'too-many-decimals'],
    ['500', 'JPY', 500],
    ['1,500', 'JPY', 1500],
    ['1,500,000', 'JPY', 1500000],
    ['12.5', 'JPY', 'too-many-decimals'],
    ['1.234', 'KWD', 1234],
    ['0.005', 'KWD', 5],
    ['1,234', 'KWD', 'ambiguous'],
    ['1,234.567', 'KWD', 1234567],
    ['1.2345', 'KWD', 'too-many-decimals'],
    ['-12.50', 'EUR', 'negative'],
    ['1e3', 'EUR', 'invalid'],
    ['12.50 EUR', 'EUR', 'invalid'],
    ['1,23,456', 'EUR', 'invalid'],
    ['99999999999', 'EUR', 'too-large'],
  ];
  for (const [input, cur, want] of cases) {
    const r = readAmount(input, cur, 'en');
    assert.deepEqual(
      r,
      typeof want === 'number' ? { ok: true, minor: want } : { ok: false, reason: want },
      `en ${input} ${cur}`,
    );
  }
  assert.equal(parseAmount('12.50', 'EUR', 'en'), 1250);
  assert.equal(parseAmount('9,001', 'EUR', 'en'), undefined);
});

test("the separators are the language's own, as Intl writes numbers", () => {
  assert.deepEqual(amountSeparators('de'), { decimal: ',', group: '.' });
  assert.deepEqual(amountSeparators('en'), { decimal: '.', group: ',' });
});

test('form fields show amounts as the reader types them, and they read back unchanged', () => {
  assert.equal(formatAmountInput(1250, 'EUR', 'de'), '12,50');
  assert.equal(formatAmountInput(1250, 'EUR', 'en'), '12.50');
  assert.equal(formatAmountInput(123456, 'EUR', 'de'), '1234,56');
  assert.equal(formatAmountInput(500, 'JPY', 'de'), '500');
  assert.equal(formatAmountInput(1234, 'KWD', 'de'), '1,234');
  for (const locale of ['de', 'en'])
    for (const [minor, cur] of [
      [1250, 'EUR'],
      [5, 'EUR'],
      [123456789, 'EUR'],
      [1500, 'JPY'],
      [1234, 'KWD'],
      [1, 'KWD'],
    ] as const)
      assert.equal(parseAmount(formatAmountInput(minor, cur, locale), cur, locale), minor, `${locale} ${minor} ${cur}`);
});

test('formatting by language and exponent', () => {
  assert.equal(formatMoney(1250, 'EUR', 'de').replace(/\u00a0/g, ' '), '12,50 €');
  assert.equal(formatMoney(1250, 'EUR', 'en'), '€12.50');
  assert.equal(formatMoney(500, 'JPY', 'en'), 'JP¥500');
  assert.equal(toDecimalString(1250, 'EUR'), '12.50');
  assert.equal(toDecimalString(5, 'EUR'), '0.05');
  assert.equal(toDecimalString(500, 'JPY'), '500');
  assert.equal(toDecimalString(1234, 'KWD'), '1.234');
});

test('percentages round half up in integers', () => {
  assert.equal(percentOf(999, 10), 100);
  assert.equal(percentOf(995, 10), 100);
  assert.equal(percentOf(994, 10), 99);
  assert.equal(percentOf(1000, 100), 1000);
  assert.equal(percentOf(0, 50), 0);
});
