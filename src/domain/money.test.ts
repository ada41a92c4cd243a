import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMoney, parseAmount, percentOf, toDecimalString } from './money.js';

test('parseAmount reads what people type, in minor units', () => {
  const cases: [string, string, number | undefined][] = [
    ['12', 'EUR', 1200],
    ['12.5', 'EUR', 1250],
    ['12,50', 'EUR', 1250],
    ['0,99', 'EUR', 99],
    ['1.234,56', 'EUR', 123456],
    ['1,234.56', 'USD', 123456],
    ['1.234', 'EUR', 123400],
    [' 7 ', 'EUR', 700],
    ['500', 'JPY', 500],
    ['1.500', 'JPY', 1500],
    ['1.234', 'KWD', 1234],
    ['12.345', 'EUR', 1234500],
    ['12.3456', 'EUR', undefined],
    ['-5', 'EUR', undefined],
    ['1e5', 'EUR', undefined],
    ['abc', 'EUR', undefined],
    ['', 'EUR', undefined],
    ['12.5', 'JPY', undefined],
    ['1.2.3', 'EUR', undefined],
    ['1,2.3', 'EUR', undefined],
    ['99999999999', 'EUR', undefined],
    ['Infinity', 'EUR', undefined],
  ];
  for (const [input, cur, want] of cases) assert.equal(parseAmount(input, cur), want, `${input} ${cur}`);
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
