import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ifRangeHolds, noneMatchHits, parseRange, planResponse, strongEtag } from './http-ranges.js';

describe('parseRange', () => {
  const size = 1000;
  test('single ranges: a-b, a-, -n', () => {
    assert.deepEqual(parseRange('bytes=0-99', size), { kind: 'range', start: 0, end: 99 });
    assert.deepEqual(parseRange('bytes=500-', size), { kind: 'range', start: 500, end: 999 });
    assert.deepEqual(parseRange('bytes=-100', size), { kind: 'range', start: 900, end: 999 });
    assert.deepEqual(parseRange('BYTES=10-10', size), { kind: 'range', start: 10, end: 10 });
  });
  test('an end past the file is clipped; a suffix longer than the file is the whole file', () => {
    assert.deepEqual(parseRange('bytes=900-5000', size), { kind: 'range', start: 900, end: 999 });
    assert.deepEqual(parseRange('bytes=-5000', size), { kind: 'range', start: 0, end: 999 });
  });
  test('unsatisfiable: start at or past the end, empty suffix, empty file', () => {
    assert.deepEqual(parseRange('bytes=1000-', size), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=2000-3000', size), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-0', size), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=-5', 0), { kind: 'unsatisfiable' });
  });
  test('absent, malformed, other units, reversed and multiple ranges give the whole file', () => {
    for (const h of [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'bytes=abc',
      'items=0-1',
      'bytes=5-1',
      'bytes=0-1,5-9',
      'bytes=1-2, 3-4',
      'bytes=99999999999999999999-',
      'bytes=1.5-3',
    ]) {
      assert.deepEqual(parseRange(h, size), { kind: 'none' }, String(h));
    }
  });
});

describe('conditional requests', () => {
  const etag = strongEtag('abc');
  test('If-None-Match: weak comparison, lists and *', () => {
    assert.equal(noneMatchHits('"abc"', etag), true);
    assert.equal(noneMatchHits('W/"abc"', etag), true);
    assert.equal(noneMatchHits('"x", "abc"', etag), true);
    assert.equal(noneMatchHits('*', etag), true);
    assert.equal(noneMatchHits('"x"', etag), false);
    assert.equal(noneMatchHits(undefined, etag), false);
  });
  test('If-Range: only the exact strong tag keeps the range', () => {
    assert.equal(ifRangeHolds(undefined, etag), true);
    assert.equal(ifRangeHolds('"abc"', etag), true);
    assert.equal(ifRangeHolds('W/"abc"', etag), false);
    assert.equal(ifRangeHolds('"old"', etag), false);
    assert.equal(ifRangeHolds('Wed, 21 Oct 2015 07:28:00 GMT', etag), false);
  });
});

describe('planResponse', () => {
  const file = { size: 100, etag: strongEtag('abc') };
  test('a full GET counts, a HEAD never does', () => {
    assert.deepEqual(planResponse({ method: 'GET' }, file), { kind: 'full', counts: true });
    assert.deepEqual(planResponse({ method: 'HEAD' }, file), { kind: 'full', counts: false });
    assert.deepEqual(planResponse({ method: 'HEAD', range: 'bytes=0-9' }, file), { kind: 'full', counts: false });
  });
  test('only ranges that start at byte 0 count', () => {
    assert.deepEqual(planResponse({ method: 'GET', range: 'bytes=0-9' }, file), {
      kind: 'partial',
      start: 0,
      end: 9,
      counts: true,
    });
    assert.deepEqual(planResponse({ method: 'GET', range: 'bytes=10-' }, file), {
      kind: 'partial',
      start: 10,
      end: 99,
      counts: false,
    });
    assert.deepEqual(planResponse({ method: 'GET', range: 'bytes=-10' }, file), {
      kind: 'partial',
      start: 90,
      end: 99,
      counts: false,
    });
    assert.deepEqual(planResponse({ method: 'GET', range: 'bytes=-100' }, file).kind, 'partial');
    assert.equal((planResponse({ method: 'GET', range: 'bytes=-100' }, file) as { counts: boolean }).counts, true);
  });
  test('a changed file (If-Range mismatch) gives the whole file, counted', () => {
    assert.deepEqual(planResponse({ method: 'GET', range: 'bytes=10-', ifRange: '"old"' }, file), {
      kind: 'full',
      counts: true,
    });
  });
  test('If-None-Match wins over everything; 416 past the end', () => {
    assert.deepEqual(planResponse({ method: 'GET', range: 'bytes=0-', ifNoneMatch: '"abc"' }, file), {
      kind: 'not-modified',
    });
    assert.deepEqual(planResponse({ method: 'GET', range: 'bytes=100-' }, file), { kind: 'unsatisfiable' });
  });
});
