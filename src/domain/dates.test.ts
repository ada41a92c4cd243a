import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calendarDay, isIsoDay, readDay } from './dates.js';

test('isIsoDay accepts only days that exist, leap years included', () => {
  for (const ok of ['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])
    assert.equal(isIsoDay(ok), true, ok);
  for (const bad of [
    '2026-13-45',
    '2026-02-31',
    '2026-02-29',
    '1900-02-29',
    '2026-00-10',
    '2026-04-31',
    '2026-1-1',
    '0000-01-01',
    '2026-01-01T00:00',
    ' 2026-01-01',
    '',
  ])
    assert.equal(isIsoDay(bad), false, bad);
});

test('readDay reads ISO and German writing into ISO and refuses what is not a day or is ambiguous', () => {
  assert.equal(readDay(' 2026-12-31 '), '2026-12-31');
  assert.equal(readDay('31.12.2026'), '2026-12-31');
  assert.equal(readDay('1.2.2026'), '2026-02-01');
  assert.equal(readDay('31.02.2026'), undefined);
  assert.equal(readDay('2026-13-45'), undefined);
  assert.equal(readDay('01/02/2026'), undefined);
  assert.equal(readDay('31.12.26'), undefined);
  assert.equal(calendarDay.safeParse('29.02.2024').data, '2024-02-29');
  assert.equal(calendarDay.safeParse('2026-02-31').success, false);
});
