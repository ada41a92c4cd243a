import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDateTime } from './i18n.js';

describe("times for people are on the store's clock", () => {
  test('the same instant in two zones, in both languages', () => {
    const at = '2026-07-15T23:30:00.000Z';
    assert.equal(formatDateTime(at, 'en', 'America/New_York'), '15 Jul 2026, 19:30');
    assert.equal(formatDateTime(at, 'en', 'Asia/Tokyo'), '16 Jul 2026, 08:30');
    assert.equal(formatDateTime(at, 'de', 'Asia/Tokyo'), '16.07.2026, 08:30');
    assert.equal(formatDateTime(at, 'de', 'Europe/Berlin'), '16.07.2026, 01:30');
  });

  test('summer and winter time in the same zone', () => {
    assert.equal(formatDateTime('2026-01-15T09:00:00.000Z', 'en', 'Europe/Berlin'), '15 Jan 2026, 10:00');
    assert.equal(formatDateTime('2026-07-15T08:00:00.000Z', 'en', 'Europe/Berlin'), '15 Jul 2026, 10:00');
  });

  test('does not depend on the server process zone', () => {
    // Whatever TZ the process runs in, the zone passed in decides.
    assert.equal(formatDateTime('2026-07-15T12:00:00.000Z', 'en', 'UTC'), '15 Jul 2026, 12:00');
    assert.equal(formatDateTime('2026-07-15T12:00:00.000Z', 'en', 'Asia/Tokyo'), '15 Jul 2026, 21:00');
  });
});
