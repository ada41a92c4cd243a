import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportFileError, readCsv } from './csv.js';
import { decodeText } from './decode-text.js';
import { gumroadSales } from './gumroad-sales.js';
import { chunks, parseAll, problemAt, recordAt } from './testing.js';

const anyHeader = { missingColumns: () => [] };

async function collect(input: AsyncIterable<Buffer | string>, delimiter: ',' | ';' | 'auto' = ',') {
  const out: { line: number; a?: string; b?: string; problem?: string }[] = [];
  for await (const item of readCsv(input, { ...anyHeader, delimiter })) {
    out.push(
      'problem' in item
        ? { line: item.line, problem: item.problem.code }
        : { line: item.line, a: item.get('a'), b: item.get('b') },
    );
  }
  return out;
}

test('BOM and CRLF: the first column keeps its name, no cell keeps a carriage return', async () => {
  const rows = await collect(chunks('\ufeffa,b\r\n1,x\r\n2,"y\r\nz"\r\n\r\n3,w\r\n', 3));
  assert.deepEqual(rows, [
    { line: 2, a: '1', b: 'x' },
    { line: 3, a: '2', b: 'y\r\nz' },
    { line: 6, a: '3', b: 'w' },
  ]);
});

test('UTF-8 split inside a character, and Windows-1252 text, read the same', async () => {
  const utf8 = Buffer.from('a;b\nMüller;Größe\n');
  assert.deepEqual(await collect(chunks(utf8, 1), 'auto'), [{ line: 2, a: 'Müller', b: 'Größe' }]);
  const cp1252 = Buffer.from([...Buffer.from('a;b\nM'), 0xfc, ...Buffer.from('ller;Gr'), 0xf6, 0xdf, 0x65, 0x0a]);
  assert.deepEqual(await collect(chunks(cp1252, 2), 'auto'), [{ line: 2, a: 'Müller', b: 'Größe' }]);
  let text = '';
  for await (const part of decodeText(chunks(Buffer.from('€ and ü'), 1))) text += part;
  assert.equal(text, '€ and ü');
});

test('a stray quote is text; a quote never closed is a problem on the line it opens', async () => {
  assert.deepEqual(await collect(chunks('a,b\n"2"oops,y\n3,z\n')), [
    { line: 2, a: '"2"oops', b: 'y' },
    { line: 3, a: '3', b: 'z' },
  ]);
  // The open quote runs to the end of the file: everything after it is inside the one broken line.
  assert.deepEqual(await collect(chunks('a,b\n1,x\n2,"y\n3,z\n')), [
    { line: 2, a: '1', b: 'x' },
    { line: 3, problem: 'unsupported_row' },
  ]);
});

test('an empty file, or one of blank lines, is refused as a whole', async () => {
  for (const text of ['', '\n\n', ' , \n']) {
    await assert.rejects(
      collect(chunks(text)),
      (err: unknown) => err instanceof ImportFileError && err.reason === 'empty',
    );
  }
  assert.deepEqual(await collect(chunks('a,b\n')), []);
});

const GUMROAD_HEADER =
  'Purchase ID,Item Name,Buyer Name,Purchase Email,Do not contact?,Purchase Date,Purchase Time (UTC timezone),Sale Price ($),Country,Fully Refunded?,Product ID,Recurrence,Subscription End Date,License Key,License Key Activation Count,License Key Enabled?\n';

/** Rows made one by one as the parser asks for them; `made` counts them. */
function generated(rows: number, state: { made: number }) {
  return (async function* () {
    yield Buffer.from(GUMROAD_HEADER);
    for (let i = 0; i < rows; i++) {
      state.made++;
      const bad = i % 1000 === 999;
      yield Buffer.from(
        `p${i},"Book, 2nd ed.",Buyer ${i},${bad ? 'not-an-email' : `buyer${i}@example.com`},0,2024-03-05,2024-03-05 14:22:10 UTC,${i % 100}.99,Germany,0,bk,,,KEY-${i},${i % 5},1\n`,
      );
    }
  })();
}

test('50,000 lines stream through with the input read only a little ahead of the output', async () => {
  const state = { made: 0 };
  let records = 0;
  let problems = 0;
  let lead = 0;
  let last = 1;
  const started = process.hrtime.bigint();
  for await (const parsed of gumroadSales.parse(generated(50_000, state))) {
    // Counted as they come; nothing holds the lines.
    if ('record' in parsed) records++;
    else problems++;
    assert.equal(parsed.line, last + 1);
    last = parsed.line;
    lead = Math.max(lead, state.made - (parsed.line - 1));
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(records, 49_950);
  assert.equal(problems, 50);
  // Back-pressure: the generator never ran more than a few hundred lines ahead.
  assert.ok(lead < 2_000, `input ran ${lead} lines ahead`);
  console.log(
    `50,000 Gumroad lines in ${Math.round(ms)} ms (${Math.round(50_000 / (ms / 1000))} lines/s), input at most ${lead} lines ahead`,
  );
});

test('a record, a bad line and the line numbers in a CRLF file with BOM', async () => {
  const text = `\ufeff${GUMROAD_HEADER.replace('\n', '\r\n')}a,Book,Ann,ann@example.com,1,2024-01-01,2024-01-01 00:00:00 UTC,1.5,,0,bk,,,,,\r\nb,Book,Bo,bo@,0,2024-01-01,2024-01-01 00:00:00 UTC,1.5,,0,bk,,,,,\r\n`;
  const lines = await parseAll(gumroadSales, chunks(text, 11));
  assert.equal(recordAt(lines, 2).person.consent, 'do_not_contact');
  assert.equal(problemAt(lines, 3).code, 'invalid_email');
});
