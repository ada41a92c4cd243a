import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asciiFallback, attachmentDisposition } from './content-disposition.js';

test('non-ASCII names: a readable ASCII fallback and the exact UTF-8 name', () => {
  assert.equal(
    attachmentDisposition('Übungsheft – Größe.pdf'),
    `attachment; filename="Uebungsheft - Groesse.pdf"; filename*=UTF-8''%C3%9Cbungsheft%20%E2%80%93%20Gr%C3%B6%C3%9Fe.pdf`,
  );
  assert.equal(decodeURIComponent('%C3%9Cbungsheft%20%E2%80%93%20Gr%C3%B6%C3%9Fe.pdf'), 'Übungsheft – Größe.pdf');
});

test('quotes, backslashes, paths and control characters cannot break the header', () => {
  const h = attachmentDisposition('../evil"name\\x\r\n.pdf');
  assert.doesNotMatch(h, /[\r\n]/);
  assert.match(h, /^attachment; filename="x\.pdf"; filename\*=UTF-8''x\.pdf$/);
  assert.equal(asciiFallback('a "b" \\ c'), 'a _b_ _ c');
  assert.match(attachmentDisposition("it's (v2)*.zip"), /filename\*=UTF-8''it%27s%20%28v2%29%2A\.zip$/);
  assert.match(attachmentDisposition(''), /filename="download"/);
  assert.equal(asciiFallback('café 日本.txt'), 'cafe __.txt');
});
