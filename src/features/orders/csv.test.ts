import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvCell, csvFileName, csvLine } from './csv.js';

describe('CSV cells', () => {
  test('plain text and numbers stay as they are; nothing is empty', () => {
    assert.equal(csvCell('Field Guide'), 'Field Guide');
    assert.equal(csvCell(12), '12');
    assert.equal(csvCell('12.50'), '12.50');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell('Müller – Straße'), 'Müller – Straße');
  });

  test('commas, quotes and line breaks are quoted the RFC 4180 way', () => {
    assert.equal(csvCell('Doe, Jane'), '"Doe, Jane"');
    assert.equal(csvCell('The "best" book'), '"The ""best"" book"');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('cr\rlf'), '"cr\rlf"');
  });

  test('cells a spreadsheet would run as a formula start with a quote', () => {
    assert.equal(
      csvCell('=HYPERLINK("http://evil.example","click")'),
      '"\'=HYPERLINK(""http://evil.example"",""click"")"',
    );
    assert.equal(csvCell('+49 30 123'), "'+49 30 123");
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\t=1'), "'\t=1");
    assert.equal(csvCell('a=1'), 'a=1');
  });

  test('lines end in CRLF', () => {
    assert.equal(csvLine(['a', 'b,c', null, 3]), 'a,"b,c",,3\r\n');
  });

  test('file names carry the day', () => {
    assert.equal(csvFileName('orders', new Date('2026-05-01T23:00:00Z')), 'orders-2026-05-01.csv');
  });
});
