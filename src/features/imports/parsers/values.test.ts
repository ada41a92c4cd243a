import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countryCode } from './countries.js';
import { addInterval, currencyExponent, readAmount, readGermanLocalTime, readInstant } from './values.js';

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : r);

test('amounts become minor units digit by digit, with the currency exponent', () => {
  assert.equal(value(readAmount('19.99', 'USD', 'c')), 1999);
  assert.equal(value(readAmount('100.0', 'USD', 'c')), 10000);
  assert.equal(value(readAmount('0.1', 'EUR', 'c')), 10);
  // 1.005 * 100 in floating point is 100.49999…; read as digits it is exact.
  assert.equal(value(readAmount('1.005', 'KWD', 'c')), 1005);
  assert.equal(value(readAmount('1500', 'JPY', 'c')), 1500);
  assert.equal(value(readAmount('1,234.50', 'USD', 'c')), 123450);
  assert.equal(value(readAmount('1.234,56', 'EUR', 'c', ',')), 123456);
  assert.equal(value(readAmount('9,90', 'EUR', 'c', ',')), 990);
  assert.equal(value(readAmount('19.990', 'USD', 'c')), 1999);
  assert.equal(currencyExponent('ISK'), 0);
  assert.equal(currencyExponent('BHD'), 3);
  for (const bad of ['19.999', '-5', 'n/a', '1e3', '12.', '', '1,23.4']) {
    const r = readAmount(bad, 'USD', 'Sale Price ($)');
    assert.equal(r.ok, false, bad);
    if (!r.ok) assert.equal(r.problem.column, 'Sale Price ($)');
  }
  assert.equal(readAmount('12.50', 'EUR', 'c', ',').ok, false);
});

test('instants with their zone become ISO UTC; impossible dates are refused', () => {
  assert.equal(value(readInstant('2024-03-05 14:22:10 UTC', 'c')), '2024-03-05T14:22:10.000Z');
  assert.equal(value(readInstant('2024-03-05 14:22:10 +0100', 'c')), '2024-03-05T13:22:10.000Z');
  assert.equal(value(readInstant('2024-05-24T14:15:07.000000Z', 'c')), '2024-05-24T14:15:07.000Z');
  assert.equal(value(readInstant('2024-06-05', 'c')), '2024-06-05T00:00:00.000Z');
  assert.equal(readInstant('2024-03-05 14:22:10', 'c').ok, false);
  assert.equal(value(readInstant('2024-03-05 14:22:10', 'c', true)), '2024-03-05T14:22:10.000Z');
  assert.equal(readInstant('2024-02-30 10:00:00 UTC', 'c').ok, false);
  assert.equal(readInstant('yesterday', 'c').ok, false);
});

test('German wall-clock times in Berlin become UTC, across daylight saving', () => {
  assert.equal(value(readGermanLocalTime('05.03.2024 14:22:10', 'c', 'Europe/Berlin')), '2024-03-05T13:22:10.000Z');
  assert.equal(value(readGermanLocalTime('05.07.2024 14:22', 'c', 'Europe/Berlin')), '2024-07-05T12:22:00.000Z');
  assert.equal(value(readGermanLocalTime('31.03.2024 03:30', 'c', 'Europe/Berlin')), '2024-03-31T01:30:00.000Z');
  assert.equal(value(readGermanLocalTime('1.1.2024', 'c', 'Europe/Berlin')), '2023-12-31T23:00:00.000Z');
  assert.equal(readGermanLocalTime('31.02.2024', 'c', 'Europe/Berlin').ok, false);
  assert.equal(readGermanLocalTime('2024-03-05', 'c', 'Europe/Berlin').ok, false);
});

test('billing periods end on the same day or the month’s last', () => {
  assert.equal(addInterval('2024-01-31T10:00:00.000Z', 'month'), '2024-02-29T10:00:00.000Z');
  assert.equal(addInterval('2024-12-15T00:00:00.000Z', 'month'), '2025-01-15T00:00:00.000Z');
  assert.equal(addInterval('2024-02-29T00:00:00.000Z', 'year'), '2025-02-28T00:00:00.000Z');
});

test('countries by code or by name, in English or German', () => {
  assert.equal(countryCode('Germany'), 'DE');
  assert.equal(countryCode('Deutschland'), 'DE');
  assert.equal(countryCode('Österreich'), 'AT');
  assert.equal(countryCode('United States'), 'US');
  assert.equal(countryCode('Korea, Republic of'), 'KR');
  assert.equal(countryCode('de'), 'DE');
  assert.equal(countryCode(''), null);
  assert.equal(countryCode('Atlantis'), null);
  assert.equal(countryCode('XX'), null);
});
