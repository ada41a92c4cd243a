import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { offsetMinutes } from '../analytics/day-shift.js';
import { utcToLocalInput } from '../posts/local-time.js';
import type { DayOverride, SlotInput, SlotRules, WeeklyWindow } from './slot-types.js';
import {
  addDays,
  blockOf,
  computeSlots,
  isBookable,
  localDayOf,
  mondayOf,
  wallInstant,
  weekdayOf,
  windowsOfDay,
} from './slots.js';

const MIN = 60_000;
const H = (h: number, m = 0) => h * 60 + m;
const RULES: SlotRules = {
  durationMinutes: 60,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  horizonDays: 60,
  dailyCap: null,
  weeklyCap: null,
  slotStepMinutes: 60,
};
const ALL_WEEK = (startMinute: number, endMinute: number): WeeklyWindow[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute, endMinute }));

function input(over: Omit<Partial<SlotInput>, 'rules'> & { rules?: Partial<SlotRules> } = {}): SlotInput {
  return {
    weekly: ALL_WEEK(H(9), H(12)),
    overrides: [],
    leave: [],
    busy: [],
    bookedStarts: [],
    timeZone: 'UTC',
    now: new Date('2026-06-01T00:00:00Z'),
    ...over,
    rules: { ...RULES, ...over.rules },
  };
}

const times = (slots: { start: string }[], tz = 'UTC') => slots.map((s) => utcToLocalInput(s.start, tz).slice(11));
const starts = (slots: { start: string }[]) => slots.map((s) => s.start);

describe('slot engine: the rules', () => {
  test('slots step from each window start and fit the session inside the window', () => {
    const i = input({
      weekly: [
        { weekday: 1, startMinute: H(9), endMinute: H(12) },
        { weekday: 1, startMinute: H(14), endMinute: H(15, 30) },
      ],
      rules: { slotStepMinutes: 30 },
    });
    // 2026-06-08 is a Monday; Tuesday has no hours.
    assert.deepEqual(times(computeSlots(i, '2026-06-08', '2026-06-09')), [
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '14:00',
      '14:30',
    ]);
    assert.deepEqual(computeSlots(i, '2026-06-08', '2026-06-08')[0], {
      start: '2026-06-08T09:00:00.000Z',
      end: '2026-06-08T10:00:00.000Z',
    });
  });

  test('an override replaces the weekday; an override without windows and leave days close the day', () => {
    const i = input({
      overrides: [
        { day: '2026-06-08', windows: [{ startMinute: H(15), endMinute: H(17) }] },
        { day: '2026-06-09', windows: [] },
      ],
      leave: [{ startDay: '2026-06-11', endDay: '2026-06-12' }],
    });
    assert.deepEqual(times(computeSlots(i, '2026-06-08', '2026-06-08')), ['15:00', '16:00']);
    assert.deepEqual(computeSlots(i, '2026-06-09', '2026-06-09'), []);
    assert.equal(computeSlots(i, '2026-06-10', '2026-06-10').length, 3);
    assert.deepEqual(computeSlots(i, '2026-06-11', '2026-06-12'), []);
    assert.equal(computeSlots(i, '2026-06-13', '2026-06-13').length, 3);
  });

  test('a busy block removes the slots whose block (with buffers) overlaps it; touching is fine', () => {
    const busy = [{ start: '2026-06-08T10:00:00Z', end: '2026-06-08T10:30:00Z' }];
    assert.deepEqual(times(computeSlots(input({ busy }), '2026-06-08', '2026-06-08')), ['09:00', '11:00']);
    const buffered = input({ busy, rules: { bufferAfterMinutes: 15, bufferBeforeMinutes: 30 } });
    // 09:00 blocks 08:30–10:15 (overlaps), 11:00 blocks 10:30–12:15 (touches).
    assert.deepEqual(times(computeSlots(buffered, '2026-06-08', '2026-06-08')), ['11:00']);
    const before = input({ busy, rules: { bufferBeforeMinutes: 31 } });
    assert.deepEqual(times(computeSlots(before, '2026-06-08', '2026-06-08')), ['09:00']);
  });

  test('minimum notice and the horizon', () => {
    const now = new Date('2026-06-08T08:00:00Z');
    const notice = input({ now, rules: { minNoticeMinutes: 120 } });
    assert.deepEqual(times(computeSlots(notice, '2026-06-08', '2026-06-08')), ['10:00', '11:00']);
    const horizon = input({ now, rules: { horizonDays: 2 } });
    const slots = computeSlots(horizon, '2026-06-07', '2026-06-12');
    assert.equal(slots[0]?.start, '2026-06-08T09:00:00.000Z');
    assert.equal(slots.at(-1)?.start, '2026-06-09T11:00:00.000Z');
    // Exactly at now + horizon is still bookable.
    const edge = input({ now: new Date('2026-06-07T11:00:00Z'), rules: { horizonDays: 2 } });
    assert.equal(computeSlots(edge, '2026-06-09', '2026-06-09').at(-1)?.start, '2026-06-09T11:00:00.000Z');
  });

  test('daily and weekly caps count the booked starts of the store-clock day and Monday–Sunday week', () => {
    const tz = 'Europe/Berlin';
    const i = input({
      timeZone: tz,
      weekly: ALL_WEEK(H(9), H(12)),
      // 23:30 UTC on Sunday 7 June is Monday 8 June in Berlin.
      bookedStarts: ['2026-06-07T23:30:00.000Z', '2026-06-10T08:00:00.000Z'],
      rules: { dailyCap: 1 },
    });
    const days = (s: { start: string }[]) => [...new Set(s.map((x) => localDayOf(Date.parse(x.start), tz)))];
    assert.deepEqual(days(computeSlots(i, '2026-06-07', '2026-06-11')), ['2026-06-07', '2026-06-09', '2026-06-11']);
    const weekly = { ...i, rules: { ...i.rules, dailyCap: null, weeklyCap: 2 } };
    // Two in the week of 8 June: the week is full; the next week (from Monday 15 June) is open, Sunday 7 June too.
    assert.deepEqual(days(computeSlots(weekly, '2026-06-07', '2026-06-15')), ['2026-06-07', '2026-06-15']);
  });

  test('isBookable: only an exact, currently bookable start', () => {
    const i = input({ rules: { slotStepMinutes: 30 } });
    assert.deepEqual(isBookable(i, '2026-06-08T09:30:00Z'), {
      start: '2026-06-08T09:30:00.000Z',
      end: '2026-06-08T10:30:00.000Z',
    });
    assert.equal(isBookable(i, '2026-06-08T09:15:00Z'), undefined);
    assert.equal(isBookable(i, '2026-06-08T11:30:00Z'), undefined); // would end after 12:00
    assert.equal(isBookable(i, 'soon'), undefined);
    assert.equal(isBookable({ ...i, now: new Date('2026-06-08T10:00:00Z') }, '2026-06-08T09:30:00Z'), undefined);
  });

  test('bad ranges and degenerate rules give nothing, never a loop', () => {
    assert.deepEqual(computeSlots(input(), '2026-06-09', '2026-06-08'), []);
    assert.deepEqual(computeSlots(input(), '2026-02-30', '2026-03-02'), []);
    assert.deepEqual(computeSlots(input({ rules: { slotStepMinutes: 0 } }), '2026-06-08', '2026-06-08'), []);
    assert.deepEqual(computeSlots(input({ rules: { durationMinutes: 0 } }), '2026-06-08', '2026-06-08'), []);
  });

  test('calendar helpers', () => {
    assert.equal(weekdayOf('2026-06-08'), 1);
    assert.equal(weekdayOf('2026-06-14'), 7);
    assert.equal(mondayOf('2026-06-14'), '2026-06-08');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  });
});

describe('slot engine: daylight-saving changes', () => {
  const day = (tz: string, d: string, startMinute: number, endMinute: number, step = 30, duration = 60) =>
    computeSlots(
      input({
        timeZone: tz,
        now: new Date('2026-01-01T00:00:00Z'),
        weekly: ALL_WEEK(startMinute, endMinute),
        rules: { slotStepMinutes: step, durationMinutes: duration, horizonDays: 400 },
      }),
      d,
      d,
    );

  for (const [tz, days] of [
    ['Europe/Berlin', ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']],
    ['America/New_York', ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02']],
  ] as const) {
    test(`${tz}: 09:00–17:00 gives the same local starts on the change days as the day before`, () => {
      const expected = times(day(tz, days[0], H(9), H(17)), tz);
      assert.equal(expected.length, 15);
      assert.equal(expected[0], '09:00');
      assert.equal(expected.at(-1), '16:00');
      for (const d of days) {
        const slots = day(tz, d, H(9), H(17));
        assert.deepEqual(times(slots, tz), expected, d);
        for (const s of slots) assert.equal(localDayOf(Date.parse(s.start), tz), d);
      }
    });
  }

  const evenlySpaced = (slots: { start: string; end: string }[], step: number) => {
    for (let k = 1; k < slots.length; k++)
      assert.equal(Date.parse(slots[k]!.start) - Date.parse(slots[k - 1]!.start), step * MIN);
    assert.equal(new Set(starts(slots)).size, slots.length);
  };

  test('Berlin spring: 00:00–06:00 has five real hours, every instant once, no 02:xx', () => {
    const slots = day('Europe/Berlin', '2026-03-29', 0, H(6), 30, 30);
    assert.equal(slots.length, 10);
    evenlySpaced(slots, 30);
    assert.equal(slots[0]!.start, '2026-03-28T23:00:00.000Z');
    assert.equal(slots.at(-1)!.end, '2026-03-29T04:00:00.000Z');
    assert.deepEqual(times(slots, 'Europe/Berlin'), [
      '00:00',
      '00:30',
      '01:00',
      '01:30',
      '03:00',
      '03:30',
      '04:00',
      '04:30',
      '05:00',
      '05:30',
    ]);
  });

  test('Berlin autumn: 00:00–06:00 has seven real hours; the repeated hour is offered on both passes, each once', () => {
    const slots = day('Europe/Berlin', '2026-10-25', 0, H(6), 30, 30);
    assert.equal(slots.length, 14);
    evenlySpaced(slots, 30);
    assert.equal(slots[0]!.start, '2026-10-24T22:00:00.000Z');
    assert.equal(slots.at(-1)!.end, '2026-10-25T05:00:00.000Z');
    assert.equal(times(slots, 'Europe/Berlin').filter((t) => t === '02:30').length, 2);
  });

  test('New York: a window across the change hour, both changes', () => {
    const spring = day('America/New_York', '2026-03-08', 0, H(6), 60, 60);
    assert.equal(spring.length, 5);
    evenlySpaced(spring, 60);
    assert.equal(spring[0]!.start, '2026-03-08T05:00:00.000Z');
    const autumn = day('America/New_York', '2026-11-01', 0, H(6), 60, 60);
    assert.equal(autumn.length, 7);
    evenlySpaced(autumn, 60);
    assert.equal(autumn.at(-1)!.end, '2026-11-01T11:00:00.000Z');
  });

  test('window edges in the skipped hour read as the jump, in the repeated hour as the first pass', () => {
    const tz = 'Europe/Berlin';
    assert.equal(new Date(wallInstant('2026-03-29', H(2, 30), tz)).toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(new Date(wallInstant('2026-10-25', H(2, 30), tz)).toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(
      new Date(wallInstant('2026-03-08', H(2, 30), 'America/New_York')).toISOString(),
      '2026-03-08T07:00:00.000Z',
    );
    assert.equal(
      new Date(wallInstant('2026-11-01', H(1, 30), 'America/New_York')).toISOString(),
      '2026-11-01T05:30:00.000Z',
    );
    assert.deepEqual(times(day(tz, '2026-03-29', H(2, 30), H(4), 30, 30), tz), ['03:00', '03:30']);
    assert.deepEqual(starts(day(tz, '2026-10-25', H(2), H(2, 30), 30, 30)), ['2026-10-25T00:00:00.000Z']);
    assert.equal(day(tz, '2026-10-25', H(2, 30), H(3), 30, 30).length, 3);
    // Midnight at the end of the day (24:00) is the next day's 00:00.
    assert.equal(new Date(wallInstant('2026-10-24', 1440, tz)).toISOString(), '2026-10-24T22:00:00.000Z');
  });
});

// ---------------------------------------------------------------------------
// Properties over random schedules, overrides, leave, busy time, rules and now.

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago'];

/** Up to three windows of a day that do not overlap (they may touch). */
const dayWindows = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((ms) => {
  const sorted = [...ms].sort((a, b) => a - b).map((m) => m * 15);
  const out: { startMinute: number; endMinute: number }[] = [];
  for (let k = 0; k + 1 < sorted.length; k += 2) out.push({ startMinute: sorted[k]!, endMinute: sorted[k + 1]! });
  return out;
});

const arbitraryCase = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    nowMinute: fc.integer({ min: 0, max: 366 * 1440 }),
    rules: fc.record({
      durationMinutes: fc.integer({ min: 5, max: 180 }),
      bufferBeforeMinutes: fc.integer({ min: 0, max: 60 }),
      bufferAfterMinutes: fc.integer({ min: 0, max: 60 }),
      minNoticeMinutes: fc.integer({ min: 0, max: 3 * 1440 }),
      horizonDays: fc.integer({ min: 0, max: 20 }),
      dailyCap: fc.option(fc.integer({ min: 1, max: 3 })),
      weeklyCap: fc.option(fc.integer({ min: 1, max: 6 })),
      slotStepMinutes: fc.integer({ min: 5, max: 120 }),
    }),
    weekly: fc.array(dayWindows, { minLength: 7, maxLength: 7 }),
    overrides: fc.array(fc.record({ offset: fc.integer({ min: -1, max: 16 }), windows: dayWindows }), { maxLength: 4 }),
    leave: fc.array(fc.record({ offset: fc.integer({ min: -3, max: 16 }), length: fc.integer({ min: 0, max: 3 }) }), {
      maxLength: 2,
    }),
    busy: fc.array(
      fc.record({ offset: fc.integer({ min: -2000, max: 18 * 1440 }), length: fc.integer({ min: 1, max: 400 }) }),
      { maxLength: 8 },
    ),
    booked: fc.array(fc.integer({ min: -3 * 1440, max: 18 * 1440 }), { maxLength: 6 }),
  })
  .map((c): SlotInput => {
    const now = Date.UTC(2026, 0, 1) + c.nowMinute * MIN;
    const today = localDayOf(now, c.timeZone);
    const at = (m: number) => new Date(now + m * MIN).toISOString();
    const byDay = new Map(c.overrides.map((o) => [addDays(today, o.offset), o.windows]));
    return {
      timeZone: c.timeZone,
      now: new Date(now),
      rules: c.rules,
      weekly: c.weekly.flatMap((ws, k) => ws.map((w) => ({ weekday: k + 1, ...w }))),
      overrides: [...byDay].map(([day, windows]): DayOverride => ({ day, windows })),
      leave: c.leave.map((l) => ({ startDay: addDays(today, l.offset), endDay: addDays(today, l.offset + l.length) })),
      busy: c.busy.map((b) => ({ start: at(b.offset), end: at(b.offset + b.length) })),
      bookedStarts: c.booked.map(at),
    };
  });

const range = (i: SlotInput) => {
  const today = localDayOf(i.now.getTime(), i.timeZone);
  return [addDays(today, -1), addDays(today, 16)] as const;
};
const ms = (iso: string) => Date.parse(iso);
const RUNS = { numRuns: 150 };

describe('slot engine: properties', () => {
  test('no slot is doubled; with a step of at least the session, no two sessions overlap', () => {
    fc.assert(
      fc.property(arbitraryCase, (i) => {
        const slots = computeSlots(i, ...range(i));
        for (let k = 1; k < slots.length; k++) {
          const [a, b] = [slots[k - 1]!, slots[k]!];
          assert.ok(ms(a.start) < ms(b.start), 'strictly increasing');
          if (i.rules.slotStepMinutes >= i.rules.durationMinutes)
            assert.ok(ms(a.end) <= ms(b.start), 'sessions overlap');
        }
        for (const s of slots) assert.equal(ms(s.end) - ms(s.start), i.rules.durationMinutes * MIN);
      }),
      RUNS,
    );
  });

  test('booking any slot leaves no slot whose block overlaps its block (blocks may touch, buffers included)', () => {
    fc.assert(
      fc.property(arbitraryCase, fc.nat(), (i, pick) => {
        const slots = computeSlots(i, ...range(i));
        if (slots.length === 0) return;
        const chosen = slots[pick % slots.length]!;
        const block = blockOf(i, chosen);
        const after = computeSlots({ ...i, busy: [...i.busy, block] }, ...range(i));
        const before = new Set(starts(slots));
        for (const s of after) {
          assert.ok(before.has(s.start), 'booking only removes slots');
          const b = blockOf(i, s);
          assert.ok(
            ms(b.end) <= ms(block.start) || ms(block.end) <= ms(b.start),
            `${s.start} overlaps ${chosen.start}`,
          );
        }
      }),
      RUNS,
    );
  });

  test('every slot lies inside a window of its store-clock day and on the step grid from its start', () => {
    fc.assert(
      fc.property(arbitraryCase, (i) => {
        const [from, to] = range(i);
        for (const s of computeSlots(i, from, to)) {
          const day = localDayOf(ms(s.start), i.timeZone);
          assert.ok(from <= day && day <= to);
          const fits = windowsOfDay(i, day).some((w) => {
            const ws = wallInstant(day, w.startMinute, i.timeZone);
            const we = wallInstant(day, w.endMinute, i.timeZone);
            return ws <= ms(s.start) && ms(s.end) <= we && (ms(s.start) - ws) % (i.rules.slotStepMinutes * MIN) === 0;
          });
          assert.ok(fits, `${s.start} fits no window of ${day}`);
          // Independently of the edge reading: on a day without a clock change, the local times lie in a window.
          const noChange =
            offsetMinutes(new Date(wallInstant(day, 0, i.timeZone)), i.timeZone) ===
            offsetMinutes(new Date(wallInstant(day, 1440, i.timeZone) - 1), i.timeZone);
          if (noChange) {
            const minuteOf = (iso: string) => {
              const t = utcToLocalInput(iso, i.timeZone);
              const m = Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16));
              return t.slice(0, 10) === day ? m : 1440;
            };
            assert.ok(
              windowsOfDay(i, day).some((w) => w.startMinute <= minuteOf(s.start) && minuteOf(s.end) <= w.endMinute),
            );
          }
        }
      }),
      RUNS,
    );
  });

  test('no slot intersects busy time; notice, horizon, leave and caps hold', () => {
    fc.assert(
      fc.property(arbitraryCase, (i) => {
        const now = i.now.getTime();
        const dayOf = (iso: string) => localDayOf(ms(iso), i.timeZone);
        for (const s of computeSlots(i, ...range(i))) {
          const b = blockOf(i, s);
          for (const x of i.busy) assert.ok(ms(b.end) <= ms(x.start) || ms(x.end) <= ms(b.start), 'busy');
          assert.ok(ms(s.start) >= now + i.rules.minNoticeMinutes * MIN, 'notice');
          assert.ok(ms(s.start) <= now + i.rules.horizonDays * 86_400_000, 'horizon');
          const day = dayOf(s.start);
          assert.ok(!i.leave.some((l) => l.startDay <= day && day <= l.endDay), 'leave');
          const sameDay = i.bookedStarts.filter((x) => dayOf(x) === day).length;
          const sameWeek = i.bookedStarts.filter((x) => mondayOf(dayOf(x)) === mondayOf(day)).length;
          if (i.rules.dailyCap !== null) assert.ok(sameDay < i.rules.dailyCap, 'daily cap');
          if (i.rules.weeklyCap !== null) assert.ok(sameWeek < i.rules.weeklyCap, 'weekly cap');
        }
      }),
      RUNS,
    );
  });

  test('isBookable agrees with membership in computeSlots', () => {
    fc.assert(
      fc.property(
        arbitraryCase,
        fc.array(fc.integer({ min: -1440, max: 17 * 1440 }), { maxLength: 10 }),
        (i, picks) => {
          const [from, to] = range(i);
          const slots = computeSlots(i, from, to);
          const offered = new Map(slots.map((s) => [s.start, s]));
          // A sample of the offered slots (every one would take long), their neighbours on and off the grid, random times.
          const sample = slots.filter((_, k) => k % Math.ceil(slots.length / 8) === 0);
          for (const s of sample) assert.deepEqual(isBookable(i, s.start), s);
          const step = i.rules.slotStepMinutes * MIN;
          const candidates = [
            ...picks.map((m) => i.now.getTime() + m * MIN),
            ...sample.flatMap((s) => [ms(s.start) + step, ms(s.start) - step, ms(s.start) + MIN]),
          ];
          for (const t of candidates) {
            const iso = new Date(t).toISOString();
            const day = localDayOf(t, i.timeZone);
            if (day < from || day > to) continue;
            assert.deepEqual(isBookable(i, iso), offered.get(iso), iso);
          }
        },
      ),
      RUNS,
    );
  });
});
