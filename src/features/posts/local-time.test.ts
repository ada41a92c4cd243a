import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { localInputToUtc, utcToLocalInput } from './local-time.js';

describe("scheduled times on the store's clock", () => {
  test('local input to UTC, winter and summer, both directions', () => {
    assert.equal(localInputToUtc('2026-01-15T10:00', 'Europe/Berlin')?.toISOString(), '2026-01-15T09:00:00.000Z');
    assert.equal(localInputToUtc('2026-07-15T10:00', 'Europe/Berlin')?.toISOString(), '2026-07-15T08:00:00.000Z');
    assert.equal(localInputToUtc('2026-07-15T10:00', 'UTC')?.toISOString(), '2026-07-15T10:00:00.000Z');
    assert.equal(localInputToUtc('2026-12-31T23:30', 'Asia/Tokyo')?.toISOString(), '2026-12-31T14:30:00.000Z');
    assert.equal(localInputToUtc('2026-03-01T00:15', 'America/New_York')?.toISOString(), '2026-03-01T05:15:00.000Z');
    assert.equal(utcToLocalInput('2026-07-15T08:00:00.000Z', 'Europe/Berlin'), '2026-07-15T10:00');
    assert.equal(utcToLocalInput('2026-12-31T14:30:00.000Z', 'Asia/Tokyo'), '2026-12-31T23:30');
  });

  test('around the clock changes', () => {
    // Berlin, 29 March 2026: 02:00 jumps to 03:00; 03:30 is summer time.
    assert.equal(localInputToUtc('2026-03-29T01:30', 'Europe/Berlin')?.toISOString(), '2026-03-29T00:30:00.000Z');
    assert.equal(localInputToUtc('2026-03-29T03:30', 'Europe/Berlin')?.toISOString(), '2026-03-29T01:30:00.000Z');
    // Berlin, 25 October 2026: 03:00 goes back to 02:00; a time after it is winter time.
    assert.equal(localInputToUtc('2026-10-25T04:00', 'Europe/Berlin')?.toISOString(), '2026-10-25T03:00:00.000Z');
    assert.equal(localInputToUtc('2026-10-24T22:00', 'Europe/Berlin')?.toISOString(), '2026-10-24T20:00:00.000Z');
    // Every stored instant shows as a time that reads back to itself (outside the repeated hour).
    for (let h = 0; h < 48; h++) {
      const iso = new Date(Date.UTC(2026, 2, 28, h)).toISOString();
      assert.equal(localInputToUtc(utcToLocalInput(iso, 'Europe/Berlin'), 'Europe/Berlin')?.toISOString(), iso);
    }
  });

  test('text that is no time is refused', () => {
    for (const bad of [
      '',
      'tomorrow',
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-01-01T24:00',
      '2026-01-01T10:60',
    ]) {
      assert.equal(localInputToUtc(bad, 'Europe/Berlin'), undefined, bad);
    }
  });
});
