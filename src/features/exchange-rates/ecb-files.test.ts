import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseEcbFile } from './ecb-files.js';
import { sample } from './testing.js';

const rateOf = (r: Awaited<ReturnType<typeof parseEcbFile>>, currency: string, date: string) =>
  r.ok ? r.rates.find((x) => x.currency === currency && x.date === date)?.rate : undefined;

describe('ECB reference-rate files', () => {
  test('daily CSV: "Date, USD, …," with a spelled-out date and trailing comma', async () => {
    const r = await parseEcbFile(sample('eurofxref.csv'));
    assert.ok(r.ok && r.format === 'csv');
    assert.equal(r.rates.length, 29);
    assert.deepEqual(r.problems, []);
    assert.equal(rateOf(r, 'USD', '2026-09-30'), '1.1712');
    assert.equal(rateOf(r, 'JPY', '2026-09-30'), '173.8'); // "173.80", canonical
    assert.equal(rateOf(r, 'IDR', '2026-09-30'), '19452.03');
    assert.equal(rateOf(r, 'ZAR', '2026-09-30'), '20.2776'); // the last column, before the trailing comma
  });

  test('history CSV: ISO dates, N/A gaps skipped, retired currencies absent', async () => {
    const r = await parseEcbFile(sample('eurofxref-hist.csv'));
    assert.ok(r.ok);
    assert.deepEqual(r.problems, []);
    assert.equal(rateOf(r, 'USD', '2024-06-28'), '1.0705');
    assert.equal(rateOf(r, 'USD', '2024-07-01'), '1.0746');
    assert.equal(rateOf(r, 'ISK', '2024-07-01'), '148.7');
    assert.equal(rateOf(r, 'ISK', '2024-07-02'), undefined); // "N/A" that day
    assert.equal(rateOf(r, 'CYP', '2024-06-28'), undefined);
    assert.equal(r.rates.length, 3 * 30 - 1);
  });

  test('daily XML: the gesmes envelope with <Cube time> and <Cube currency rate>', async () => {
    const r = await parseEcbFile(sample('eurofxref-daily.xml'));
    assert.ok(r.ok && r.format === 'xml');
    assert.equal(r.rates.length, 29);
    assert.equal(rateOf(r, 'GBP', '2026-09-30'), '0.87085');
    assert.equal(rateOf(r, 'HUF', '2026-09-30'), '389.7');
  });

  test('several days in one XML (the 90-day file) and a byte-order mark', async () => {
    const xml = sample('eurofxref-daily.xml').replace(
      "<Cube time='2026-09-30'>",
      "<Cube time='2026-10-01'><Cube currency='USD' rate='1.1700'/></Cube><Cube time='2026-09-30'>",
    );
    const r = await parseEcbFile(`\uFEFF${xml}`);
    assert.ok(r.ok);
    assert.equal(rateOf(r, 'USD', '2026-10-01'), '1.17');
    assert.equal(rateOf(r, 'USD', '2026-09-30'), '1.1712');
  });

  test('bad entries are reported with line and column', async () => {
    const csv = sample('eurofxref-hist.csv')
      .replace('2024-07-01,1.0746,', '2024-07-01,1.07x6,')
      .replace('2024-06-28,', '2024-06-31,');
    const r = await parseEcbFile(csv);
    assert.ok(r.ok);
    assert.deepEqual(r.problems, [
      { line: 3, place: 'USD', reason: 'rate', value: '1.07x6' },
      { line: 4, place: 'Date', reason: 'date', value: '2024-06-31' },
    ]);
  });

  test('a row one value short is one problem, not an import shifted into the wrong currencies', async () => {
    const [head, row] = sample('eurofxref.csv').split('\n');
    const r = await parseEcbFile(`${head}\n${(row ?? '').replace(' 1.1712,', '')}\n`);
    assert.ok(r.ok);
    assert.deepEqual(r.problems, [{ line: 2, place: '30 September 2026', reason: 'columns', value: '28' }]);
    assert.equal(r.rates.length, 0);
    const extra = await parseEcbFile(`${head}\n${(row ?? '').replace(' 1.1712,', ' 1.1712, 9.99,')}\n`);
    assert.ok(extra.ok);
    assert.deepEqual(extra.problems, [{ line: 2, place: '30 September 2026', reason: 'columns', value: '30' }]);
  });

  test('files that are not ECB rate files are refused as a whole', async () => {
    assert.deepEqual(await parseEcbFile(''), { ok: false, error: 'empty' });
    assert.deepEqual(await parseEcbFile('Date, USD, JPY, \n'), { ok: false, error: 'empty' });
    assert.deepEqual(await parseEcbFile('email,name\na@b.c,A\n'), { ok: false, error: 'not-ecb' });
    assert.deepEqual(await parseEcbFile('Date,US Dollar\n2024-06-28,1.07\n'), { ok: false, error: 'not-ecb' });
    assert.deepEqual(await parseEcbFile('<html><body>Maintenance</body></html>'), { ok: false, error: 'not-ecb' });
    // A download cut off mid-file is malformed XML, not a partial import.
    const cut = sample('eurofxref-daily.xml').slice(0, 600);
    const r = await parseEcbFile(cut);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error, 'malformed');
    assert.deepEqual(await parseEcbFile('Date,USD,\n"2024-06-28,1.07,\n'), { ok: false, error: 'malformed', line: 2 });
  });

  test('XML entries with a bad rate or currency are problems', async () => {
    const xml = sample('eurofxref-daily.xml')
      .replace("rate='1.1712'", "rate='n/a'")
      .replace("currency='GBP'", "currency='gbp'");
    const r = await parseEcbFile(xml);
    assert.ok(r.ok);
    assert.deepEqual(r.problems, [
      { line: null, place: '2026-09-30 USD', reason: 'rate', value: 'n/a' },
      { line: null, place: '2026-09-30 gbp', reason: 'currency', value: 'gbp' },
    ]);
  });
});
