import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoize } from './memo.js';

test('memoize computes once per key and forgets the least recently used beyond its limit', () => {
  const calls: string[] = [];
  const upper = memoize(2, (k) => {
    calls.push(k);
    return k.toUpperCase();
  });
  assert.equal(upper('a'), 'A');
  assert.equal(upper('a'), 'A');
  assert.equal(upper('b'), 'B');
  assert.equal(upper('a'), 'A'); // a is now the most recent
  assert.equal(upper('c'), 'C'); // evicts b
  assert.equal(upper('a'), 'A');
  assert.equal(upper('b'), 'B');
  assert.deepEqual(calls, ['a', 'b', 'c', 'b']);
});
