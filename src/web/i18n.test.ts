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

  test('with the zone named, for receipts and declarations', () => {
    assert.equal(
      formatDateTime('2026-12-06T06:08:00.000Z', 'de', 'Europe/Berlin', { zone: true }),
      '06.12.2026, 07:08 MEZ',
    );
    assert.equal(
      formatDateTime('2026-07-06T05:08:00.000Z', 'de', 'Europe/Berlin', { zone: true }),
      '06.07.2026, 07:08 MESZ',
    );
    assert.equal(
      formatDateTime('2026-07-06T05:08:00.000Z', 'en', 'America/New_York', { zone: true }),
      '6 Jul 2026, 01:08 GMT-4',
    );
  });

  test('German dates have two-digit days and months', () => {
    assert.equal(formatDateTime('2026-03-01T05:08:00.000Z', 'de', 'Europe/Berlin'), '01.03.2026, 06:08');
  });
});
