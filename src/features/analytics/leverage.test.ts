import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chartCsv, hoursText } from './chart-model.js';
import { boundaryOf, offsetMinutes, offsetSegments } from './day-shift.js';
import { parseClientCsv, parseHours } from './effort-input.js';
import { breakEven, divRound, hourlyRateMinor, passiveShare, perMille, whatIf } from './leverage.js';
import { bucketsBetween, isoWeek, localDay, weekStart } from './time-zone.js';
import { referrerHost, trafficSource, visitorHash } from './visitor.js';

describe('leverage figures (pure, integer)', () => {
  test('hourly rate: net revenue per hour, rounded half up to the minor unit', () => {
    assert.equal(hourlyRateMinor(100_000, 600), 10_000); // €1,000 in 10 h → €100/h
    assert.equal(hourlyRateMinor(1000, 90), 667); // €10 in 1.5 h → €6.666… → €6.67
    assert.equal(hourlyRateMinor(1000, 0), undefined);
    assert.equal(divRound(-5, 2), -3);
    assert.equal(perMille(1, 3), 333);
  });

  test('passive share: days without work and days on leave, each sale counted once', () => {
    const revenue = new Map([
      ['2026-04-01', 1000], // worked
      ['2026-04-02', 2000], // no work
      ['2026-04-03', 4000], // worked, but on holiday
      ['2026-04-10', 8000], // no work, sick leave
    ]);
    const work = new Set(['2026-04-01', '2026-04-03']);
    const s = passiveShare(revenue, work, [
      { startDay: '2026-04-03', endDay: '2026-04-04', kind: 'holiday' },
      { startDay: '2026-04-10', endDay: '2026-04-10', kind: 'sick' },
    ]);
    assert.deepEqual(s, {
      totalMinor: 15_000,
      noWorkMinor: 10_000,
      onLeaveMinor: 12_000,
      passiveMinor: 14_000,
      passivePerMille: 933,
    });
  });

  test('break-even: cost = hours × 1:1 rate, forecast from the trailing daily rate', () => {
    const base = { minutes: 600, hourlyRateMinor: 8000, trailingDays: 30, today: '2026-04-01' };
    // cost €800, earned €200, €300 in 30 days → €600 left at €10/day = 60 days
    assert.deepEqual(breakEven({ ...base, earnedMinor: 20_000, trailingMinor: 30_000 }), {
      kind: 'forecast',
      day: '2026-05-31',
      days: 60,
      remainingMinor: 60_000,
    });
    assert.deepEqual(breakEven({ ...base, earnedMinor: 90_000, trailingMinor: 0 }), {
      kind: 'reached',
      surplusMinor: 10_000,
    });
    assert.deepEqual(breakEven({ ...base, earnedMinor: 0, trailingMinor: 0 }), { kind: 'no-sales' });
    assert.deepEqual(breakEven({ ...base, minutes: 0, earnedMinor: 0, trailingMinor: 0 }), { kind: 'no-cost' });
    // a part day rounds up: €1 left at €0.30/day → 4 days
    assert.equal(
      (
        breakEven({ ...base, minutes: 60, hourlyRateMinor: 100, earnedMinor: 0, trailingMinor: 900 }) as {
          days: number;
        }
      ).days,
      4,
    );
  });

  test('what-if: price change and expected unit change → projected revenue', () => {
    assert.deepEqual(whatIf({ units: 40, priceMinor: 2500, newPriceMinor: 3500, unitChangePercent: -20 }), {
      units: 40,
      currentMinor: 100_000,
      projectedUnits: 32,
      projectedMinor: 112_000,
      differenceMinor: 12_000,
    });
    assert.equal(whatIf({ units: 3, priceMinor: 100, newPriceMinor: 100, unitChangePercent: 50 }).projectedUnits, 5); // 4.5 → 5
    assert.equal(whatIf({ units: 3, priceMinor: 100, newPriceMinor: 100, unitChangePercent: -100 }).projectedMinor, 0);
  });
});

describe('days in the store time zone', () => {
  test('23:30 UTC on 31 March is 1 April in Berlin, still 31 March in New York', () => {
    assert.equal(localDay('2026-03-31T23:30:00.000Z', 'Europe/Berlin'), '2026-04-01');
    assert.equal(localDay('2026-03-31T23:30:00.000Z', 'America/New_York'), '2026-03-31');
    assert.equal(localDay('2026-01-15T23:30:00.000Z', 'Europe/Berlin'), '2026-01-16');
    assert.equal(localDay('2026-01-15T22:59:00.000Z', 'Europe/Berlin'), '2026-01-15');
  });

  test('weeks start on Monday; ISO week labels; buckets include empty ones', () => {
    assert.equal(weekStart('2026-04-05'), '2026-03-30');
    assert.equal(isoWeek('2026-01-01'), '2026-W01');
    assert.equal(isoWeek('2027-01-01'), '2026-W53');
    assert.deepEqual(bucketsBetween('2026-01-20', '2026-03-02', 'month'), ['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  test('offset stretches find the DST changes to the minute', () => {
    const segs = offsetSegments('2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z', 'Europe/Berlin');
    assert.deepEqual(
      segs.map((s) => [s.untilIso, s.offset]),
      [
        ['2026-03-29T01:00:00.000Z', 60],
        ['2026-10-25T01:00:00.000Z', 120],
        [undefined, 60],
      ],
    );
    assert.equal(offsetMinutes(new Date('2026-07-01T00:00:00Z'), 'Asia/Kolkata'), 330);
    assert.deepEqual(boundaryOf(120), { time: '22:00', shiftAfter: 1, shiftBefore: 0 });
    assert.deepEqual(boundaryOf(-240), { time: '04:00', shiftAfter: 0, shiftBefore: -1 });
  });
});

describe('inputs, visitors and CSV', () => {
  test('hours are read into whole minutes', () => {
    assert.equal(parseHours('1.5'), 90);
    assert.equal(parseHours('1,25'), 75);
    assert.equal(parseHours('1:30'), 90);
    assert.equal(parseHours('0'), undefined);
    assert.equal(parseHours('abc'), undefined);
  });

  test('1:1 CSV import: header skipped, each bad line reported with its number in the file and its reason', () => {
    const r = parseClientCsv(
      'date;hours;amount;note\n2026-03-02;8;960,00;Workshop\nnope\n\n2026-03-03;2,5;300;Call\n2026-02-29;1;1;x\n2026-03-04;x;1;x\n2026-03-04;;;x\n2026-03-04;1;1.2.3;x',
      'EUR',
      'de',
    );
    assert.deepEqual(r.rows, [
      { day: '2026-03-02', minutes: 480, amountMinor: 96_000, note: 'Workshop' },
      { day: '2026-03-03', minutes: 150, amountMinor: 30_000, note: 'Call' },
    ]);
    assert.deepEqual(r.refused, [
      { line: 3, reason: 'day' },
      { line: 6, reason: 'day' },
      { line: 7, reason: 'hours' },
      { line: 8, reason: 'empty' },
      { line: 9, reason: 'amount' },
    ]);
    const comma = parseClientCsv('2026-03-02,1,"12,50","Call, then notes"\r\n31.03.2026,1,3,"x"', 'EUR', 'de');
    assert.deepEqual(comma.rows, [
      { day: '2026-03-02', minutes: 60, amountMinor: 1250, note: 'Call, then notes' },
      { day: '2026-03-31', minutes: 60, amountMinor: 300, note: 'x' },
    ]);
    assert.deepEqual(comma.refused, []);
  });

  test('the visitor hash changes with the salt and the day, and holds no address', () => {
    const a = visitorHash('s1', '203.0.113.9', 'UA', '2026-04-01');
    assert.equal(a, visitorHash('s1', '203.0.113.9', 'UA', '2026-04-01'));
    assert.notEqual(a, visitorHash('s2', '203.0.113.9', 'UA', '2026-04-01'));
    assert.notEqual(a, visitorHash('s1', '203.0.113.9', 'UA', '2026-04-02'));
    assert.ok(!a.includes('203'));
    assert.equal(referrerHost('https://www.Example.org/path?q=secret', 'shop.test'), 'example.org');
    assert.equal(referrerHost('https://shop.test/p/x', 'shop.test:3000'), '');
    assert.deepEqual(trafficSource({ utm_source: 'Newsletter', utm_campaign: 'spring=1' }, undefined, 'x'), {
      referrer: 'newsletter',
      campaign: 'spring1',
    });
  });

  test('chart CSV: decimal money, hours with two decimals, formula-safe cells', () => {
    const csv = chartCsv({
      id: 'x',
      kind: 'line',
      title: 'T',
      desc: 'D',
      empty: 'E',
      xName: 'Week',
      xKind: 'name',
      x: ['2026-03-30', '=cmd'],
      currency: 'EUR',
      series: [
        { name: 'Net', unit: 'money', values: [123_456, 5] },
        { name: 'Hours', unit: 'minutes', values: [90, 20] },
      ],
    });
    assert.equal(csv, "Week,Net (EUR),Hours (h)\r\n2026-03-30,1234.56,1.50\r\n'=cmd,0.05,0.33\r\n");
    assert.equal(hoursText(1), '0.02');
  });
});
