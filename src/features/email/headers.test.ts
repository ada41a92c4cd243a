import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEmailHeaders, InvalidEmailHeaderError, parseStoredHeaders } from './headers.js';
import { previewHtml } from './preview.js';

test('List-Unsubscribe style headers pass unchanged', () => {
  const headers = {
    'List-Unsubscribe': '<https://shop.example/u/abc>, <mailto:u@shop.example?subject=unsubscribe>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'X-Entity-Ref-ID': 'order-42',
  };
  assert.deepEqual(checkEmailHeaders(headers), headers);
  assert.deepEqual(checkEmailHeaders(), {});
});

test('headers that would break or replace the message are refused', () => {
  const bad: Record<string, string>[] = [
    { 'X-Evil': 'a\r\nBcc: victim@example.com' },
    { 'X-Evil\r\nBcc': 'x' },
    { 'Bad Name': 'x' },
    { Subject: 'other subject' },
    { bcc: 'someone@example.com' },
    { 'Content-Type': 'text/plain' },
    { 'X-Empty': ' ' },
    { 'List-Unsubscribe': '<https://bücher.example/u>' },
    { 'X-Long': 'a'.repeat(2001) },
    { 'X-Dup': 'a', 'x-dup': 'b' },
  ];
  for (const h of bad) assert.throws(() => checkEmailHeaders(h), InvalidEmailHeaderError, JSON.stringify(h));
});

test('stored headers are read back leniently', () => {
  assert.deepEqual(parseStoredHeaders('{"List-Unsubscribe":"<https://x>"}'), { 'List-Unsubscribe': '<https://x>' });
  assert.deepEqual(parseStoredHeaders('not json'), {});
  assert.deepEqual(parseStoredHeaders('[1]'), {});
  assert.deepEqual(parseStoredHeaders('{"a":1,"b":"c"}'), { b: 'c' });
});

test('the preview opens every link in a new tab, whatever shape the HTML has', () => {
  assert.equal(
    previewHtml('<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>x</body></html>'),
    '<!doctype html><html lang="de"><head><base target="_blank"><meta charset="utf-8"></head><body>x</body></html>',
  );
  assert.equal(
    previewHtml('<HTML><HEAD class="a"><base target="_self"></HEAD></HTML>'),
    '<HTML><HEAD class="a"><base target="_blank"><base target="_self"></HEAD></HTML>',
  );
  assert.equal(
    previewHtml('<html><body><header>h</header></body></html>'),
    '<html><head><base target="_blank"></head><body><header>h</header></body></html>',
  );
  assert.equal(previewHtml('<p>bare</p>'), '<base target="_blank"><p>bare</p>');
});
