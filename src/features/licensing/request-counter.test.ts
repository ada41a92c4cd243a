import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RequestCounter } from './request-counter.js';

describe('request counter (licence API rate limits)', () => {
  const minute = Date.UTC(2026, 10, 27, 12, 0, 0);

  test('allows max requests per client in a clock minute, then tells the seconds until the next', () => {
    const c = new RequestCounter(3);
    for (let i = 0; i < 3; i++) assert.equal(c.hit('a', minute + 10_000), 0);
    assert.equal(c.hit('a', minute + 10_000), 50);
    assert.equal(c.hit('a', minute + 59_500), 1, 'never less than one second');
    assert.equal(c.hit('b', minute + 59_500), 0, 'other clients are counted apart');
    assert.equal(c.hit('a', minute + 60_000), 0, 'a new minute starts afresh');
  });

  test('counts at most `capacity` clients per window; those counted stay limited', () => {
    const c = new RequestCounter(1, 60_000, 2);
    assert.equal(c.hit('a', minute), 0);
    assert.equal(c.hit('b', minute), 0);
    assert.equal(c.hit('c', minute), 0);
    assert.equal(c.hit('c', minute), 0, 'not counted once the window is full');
    assert.ok(c.hit('a', minute) > 0);
    assert.ok(c.hit('b', minute) > 0);
    assert.equal(c.hit('c', minute + 60_000), 0);
    assert.ok(c.hit('c', minute + 60_000) > 0, 'counted again in the next window');
  });
});
