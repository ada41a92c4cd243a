import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDay, formatFileSize } from './format.js';

test('file sizes in binary steps, by language', () => {
  assert.equal(formatFileSize(512, 'en'), '512 B');
  assert.equal(formatFileSize(999, 'en'), '999 B');
  assert.equal(formatFileSize(1536, 'de'), '1,5 KB');
  assert.equal(formatFileSize(1_450_000, 'de'), '1,4 MB');
  assert.equal(formatFileSize(2_400_000, 'en'), '2.3 MB');
  assert.equal(formatFileSize(2048 * 1024 * 1024, 'en'), '2 GB');
  assert.equal(formatFileSize(-5, 'en'), '0 B');
});

test('days as people write them: two-digit day and month in German', () => {
  assert.equal(formatDay('2026-12-06', 'de'), '06.12.2026');
  assert.equal(formatDay('2026-03-01T23:30:00.000Z', 'de'), '01.03.2026', 'the stored day, not moved to a zone');
  assert.equal(formatDay('2026-12-06', 'en'), '6 Dec 2026');
  assert.equal(formatDay('not a day', 'de'), 'not a day');
});
