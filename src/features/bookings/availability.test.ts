import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { localDay } from '../analytics/time-zone.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';
import { loadSlotInput } from './availability.js';
import { bookingsAvailabilityMessages } from './availability-messages.js';
import type { BusySource } from './busy-source.js';
import { createBookingType } from './edit-booking-type.js';
import { addDays, computeSlots, weekdayOf } from './slots.js';

/**
 * The creator's availability through the admin's forms (weekly hours, date
 * overrides, the calendar address), what is refused and saves nothing, that
 * every route is the admin's alone, and the slot engine's input as loaded from
 * the tables.
 */

const PAGE = '/admin/bookings/availability';

describe('availability admin', () => {
  let t: TestApp;
  let admin: TestClient;
  const db = () => t.services.database.db;
  const rules = () =>
    db()
      .selectFrom('availability_rules')
      .select(['weekday', 'start_minute', 'end_minute'])
      .orderBy('weekday')
      .orderBy('start_minute')
      .execute();
  const overrides = () =>
    db()
      .selectFrom('availability_overrides')
      .select(['day', 'start_minute', 'end_minute', 'note'])
      .orderBy('day')
      .orderBy('start_minute')
      .execute();
  const today = () => localDay(new Date(), 'Europe/Berlin');

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());
  beforeEach(async () => {
    await db().deleteFrom('availability_rules').execute();
    await db().deleteFrom('availability_overrides').execute();
  });

  test('the page names the store’s time zone, the weekdays, and links to where leave is kept', async () => {
    const res = await admin.get(PAGE);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Europe\/Berlin/);
    for (const day of ['Monday', 'Wednesday', 'Sunday']) assert.match(res.body, new RegExp(day));
    assert.match(res.body, /href="\/admin\/analytics\/effort"/);
    assert.match(res.body, /No upcoming date overrides/);
  });

  test('weekly hours: several windows a day, saved as a whole and shown again', async () => {
    const res = await admin.postForm(
      `${PAGE}/weekly`,
      {
        w1_0_start: '09:00',
        w1_0_end: '12:00',
        w1_1_start: '14:00',
        w1_1_end: '18:00',
        w3_0_start: '8:30',
        w3_0_end: '24:00',
      },
      { formPage: PAGE },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${PAGE}?done=weekly`);
    assert.deepEqual(await rules(), [
      { weekday: 1, start_minute: 540, end_minute: 720 },
      { weekday: 1, start_minute: 840, end_minute: 1080 },
      { weekday: 3, start_minute: 510, end_minute: 1440 },
    ]);
    const page = await admin.get(`${PAGE}?done=weekly`);
    assert.match(page.body, /Weekly hours saved/);
    assert.match(page.body, /name="w1_1_start"[^>]*value="14:00"/);
    assert.match(page.body, /name="w3_0_end"[^>]*value="24:00"/);
    // Saving again replaces the schedule; an empty form closes every day.
    await admin.postForm(`${PAGE}/weekly`, { w2_0_start: '10:00', w2_0_end: '11:00' }, { formPage: PAGE });
    assert.deepEqual(await rules(), [{ weekday: 2, start_minute: 600, end_minute: 660 }]);
    await admin.postForm(`${PAGE}/weekly`, {}, { formPage: PAGE });
    assert.deepEqual(await rules(), []);
  });

  test('bad weekly hours are refused with 400, the typed values kept, nothing saved', async () => {
    await admin.postForm(`${PAGE}/weekly`, { w5_0_start: '09:00', w5_0_end: '17:00' }, { formPage: PAGE });
    const saved = await rules();
    const cases: [Record<string, string>, RegExp][] = [
      [{ w1_0_start: '12:00', w1_0_end: '09:00' }, /The end must be after the start/],
      [{ w1_0_start: '09:00', w1_0_end: '12:00', w1_1_start: '11:00', w1_1_end: '13:00' }, /must not overlap/],
      [{ w1_0_start: '9h', w1_0_end: '12:00' }, /Write times as HH:MM/],
      [{ w1_0_start: '25:00', w1_0_end: '26:00' }, /Write times as HH:MM/],
      [{ w1_0_start: '09:00' }, /Give both a start and an end/],
      [{ w1_0_start: '24:00', w1_0_end: '24:00' }, /Write times as HH:MM/],
    ];
    for (const [fields, message] of cases) {
      const res = await admin.postForm(
        `${PAGE}/weekly`,
        { ...fields, w2_0_start: '10:00', w2_0_end: '11:00' },
        {
          formPage: PAGE,
        },
      );
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
      assert.match(res.body, /Nothing was saved/);
      assert.match(res.body, /name="w2_0_start"[^>]*value="10:00"/);
      assert.deepEqual(await rules(), saved);
    }
  });

  test('date overrides: closed or other hours, soonest first, replaced per day, removed', async () => {
    const [d1, d2] = [addDays(today(), 3), addDays(today(), 10)];
    let res = await admin.postForm(
      `${PAGE}/overrides`,
      { day: d2, mode: 'hours', o0_start: '10:00', o0_end: '12:00', o1_start: '13:00', o1_end: '15:00', note: 'Fair' },
      { formPage: PAGE },
    );
    assert.equal(res.statusCode, 303);
    res = await admin.postForm(`${PAGE}/overrides`, { day: d1, mode: 'closed', note: 'Dentist' }, { formPage: PAGE });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await overrides(), [
      { day: d1, start_minute: null, end_minute: null, note: 'Dentist' },
      { day: d2, start_minute: 600, end_minute: 720, note: 'Fair' },
      { day: d2, start_minute: 780, end_minute: 900, note: 'Fair' },
    ]);
    const page = await admin.get(PAGE);
    const [at1, at2] = [page.body.indexOf('Dentist'), page.body.indexOf('Fair')];
    assert.ok(at1 > 0 && at1 < at2, 'soonest first');
    assert.match(page.body, /10:00–12:00<\/span>, <span class="nowrap">13:00–15:00/);
    assert.match(page.body, /Closed/);
    // A new override of a day replaces the old one.
    await admin.postForm(`${PAGE}/overrides`, { day: d2, mode: 'closed' }, { formPage: PAGE });
    assert.deepEqual(
      (await overrides()).filter((o) => o.day === d2),
      [{ day: d2, start_minute: null, end_minute: null, note: '' }],
    );
    const row = await db()
      .selectFrom('availability_overrides')
      .select('id')
      .where('day', '=', d1)
      .executeTakeFirstOrThrow();
    res = await admin.postForm(`${PAGE}/overrides/${row.id}/delete`, {}, { formPage: PAGE });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(
      (await overrides()).map((o) => o.day),
      [d2],
    );
  });

  test('bad date overrides are refused with 400 and nothing is saved', async () => {
    const day = addDays(today(), 5);
    const cases: [Record<string, string>, RegExp][] = [
      [{ day: '2026-02-30', mode: 'closed' }, /Give a date/],
      [{ day: 'tomorrow', mode: 'closed' }, /Give a date/],
      [{ day: addDays(today(), -1), mode: 'closed' }, /today or a later day/],
      [{ day, mode: 'hours' }, /at least one window/],
      [{ day, mode: 'hours', o0_start: '14:00', o0_end: '10:00' }, /The end must be after the start/],
      [
        { day, mode: 'hours', o0_start: '09:00', o0_end: '12:00', o1_start: '11:59', o1_end: '13:00' },
        /must not overlap/,
      ],
      [{ day, mode: 'hours', o0_start: '9.00', o0_end: '12:00' }, /Write times as HH:MM/],
      [{ day, mode: 'sometimes' }, /Choose closed or different hours/],
    ];
    for (const [fields, message] of cases) {
      const res = await admin.postForm(`${PAGE}/overrides`, fields, { formPage: PAGE });
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
      assert.deepEqual(await overrides(), []);
    }
  });

  test('leave records are listed read-only', async () => {
    await db()
      .insertInto('leave_periods')
      .values({
        id: randomUUID(),
        start_day: addDays(today(), 20),
        end_day: addDays(today(), 24),
        kind: 'holiday',
        note: 'Baltic Sea',
        created_at: isoNow(),
      })
      .execute();
    const page = await admin.get(PAGE);
    assert.match(page.body, /Baltic Sea/);
    assert.match(page.body, /Holiday/);
    assert.doesNotMatch(page.body, /leave[^"]*\/delete/);
  });

  test('the calendar address: https (or webcal) only, empty for none', async () => {
    const setting = () =>
      db().selectFrom('settings').select('value').where('key', '=', 'bookings.calendar_url').executeTakeFirst();
    for (const bad of ['http://calendar.example/feed.ics', 'not a url', 'https://user:pw@calendar.example/x.ics']) {
      const res = await admin.postForm(`${PAGE}/calendar`, { calendarUrl: bad }, { formPage: PAGE });
      assert.equal(res.statusCode, 400, bad);
      assert.match(res.body, /Give an https address/);
    }
    assert.equal(await setting(), undefined);
    let res = await admin.postForm(
      `${PAGE}/calendar`,
      { calendarUrl: 'webcal://p01-caldav.icloud.com/published/2/secret' },
      { formPage: PAGE },
    );
    assert.equal(res.statusCode, 303);
    assert.equal((await setting())?.value, 'https://p01-caldav.icloud.com/published/2/secret');
    res = await admin.postForm(`${PAGE}/calendar`, { calendarUrl: '' }, { formPage: PAGE });
    assert.equal((await setting())?.value, '');
  });

  test('in German, the page speaks German and says “Sie”', async () => {
    const de = new TestClient(t.app);
    await de.login();
    de.setCookie('vf_lang', 'de');
    const page = await de.get(PAGE);
    assert.match(page.body, /Wöchentliche Zeiten/);
    assert.match(page.body, /Montag/);
    const { en, de: german } = bookingsAvailabilityMessages;
    const same = Object.keys(en).filter(
      (k) => (en as Record<string, string>)[k] === (german as Record<string, string>)[k],
    );
    assert.deepEqual(same, []);
    assert.doesNotMatch(Object.values(german).join('\n'), /\b(du|dein|deine|dich|dir)\b/i);
  });

  test('every route is the admin’s alone: strangers and customers are sent to the login, nothing changes', async () => {
    await admin.postForm(`${PAGE}/weekly`, { w1_0_start: '09:00', w1_0_end: '12:00' }, { formPage: PAGE });
    const before = await rules();
    const stranger = new TestClient(t.app);
    const customer = new TestClient(t.app);
    customer.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), 'client@example.com'));
    for (const c of [stranger, customer]) {
      const r = await c.get(PAGE);
      assert.equal(r.statusCode, 303);
      assert.match(String(r.headers.location), /^\/admin\/login/);
      const token = await c.csrfFrom('/admin/login');
      for (const url of [
        `${PAGE}/weekly`,
        `${PAGE}/overrides`,
        `${PAGE}/overrides/${randomUUID()}/delete`,
        `${PAGE}/calendar`,
      ]) {
        const p = await c.postForm(
          url,
          { w1_0_start: '00:00', w1_0_end: '24:00', day: today(), mode: 'closed', calendarUrl: '' },
          { csrf: token },
        );
        assert.equal(p.statusCode, 303, url);
        assert.match(String(p.headers.location), /^\/admin\/login/, url);
      }
    }
    assert.deepEqual(await rules(), before);
    assert.deepEqual(await overrides(), []);
  });

  test('the slot engine’s input: hours, overrides, leave, every booking’s block as busy, this type’s starts for caps', async () => {
    const productId = await createBookingType(db(), 'Coaching', 'owner@example.com');
    const otherId = await createBookingType(db(), 'Review', 'owner@example.com');
    assert.equal(await loadSlotInput(db(), randomUUID(), new Date()), undefined);
    await admin.postForm(
      `${PAGE}/weekly`,
      Object.fromEntries(
        [1, 2, 3, 4, 5, 6, 7].flatMap((d) => [
          [`w${d}_0_start`, '09:00'],
          [`w${d}_0_end`, '17:00'],
        ]),
      ),
      { formPage: PAGE },
    );
    const closed = addDays(today(), 4);
    const special = addDays(today(), 5);
    await admin.postForm(`${PAGE}/overrides`, { day: closed, mode: 'closed' }, { formPage: PAGE });
    await admin.postForm(
      `${PAGE}/overrides`,
      { day: special, mode: 'hours', o0_start: '10:00', o0_end: '11:00' },
      {
        formPage: PAGE,
      },
    );
    const booking = (product: string, start: string, status: 'held' | 'confirmed' | 'cancelled') => {
      const s = Date.parse(start);
      return {
        id: randomUUID(),
        product_id: product,
        order_id: null,
        email: 'client@example.com',
        client_time_zone: null,
        starts_at: new Date(s).toISOString(),
        ends_at: new Date(s + 3600_000).toISOString(),
        block_start: new Date(s - 900_000).toISOString(),
        block_end: new Date(s + 4500_000).toISOString(),
        status,
        hold_expires_at: null,
        manage_token: randomBytes(32).toString('base64url'),
        cancelled_at: null,
        created_at: isoNow(),
        updated_at: isoNow(),
      };
    };
    const day3 = addDays(today(), 3);
    // 10:00 Berlin is 08:00 or 09:00 UTC; the engine only needs the instants.
    const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00Z`).toISOString();
    await db()
      .insertInto('bookings')
      .values([
        booking(otherId, at(day3, '10:00'), 'confirmed'),
        booking(productId, at(day3, '13:00'), 'held'),
        booking(productId, at(day3, '07:00'), 'cancelled'),
      ])
      .execute();
    const calendar: BusySource = { busy: async () => [{ start: at(day3, '14:30'), end: at(day3, '15:00') }] };
    const input = await loadSlotInput(db(), productId, new Date(), { busySource: calendar });
    assert.ok(input);
    assert.equal(input.timeZone, 'Europe/Berlin');
    assert.equal(input.rules.durationMinutes, 60);
    assert.equal(input.weekly.length, 7);
    assert.deepEqual(
      input.overrides.filter((o) => o.day === closed || o.day === special),
      [
        { day: closed, windows: [] },
        { day: special, windows: [{ startMinute: 600, endMinute: 660 }] },
      ],
    );
    assert.deepEqual(input.bookedStarts, [at(day3, '13:00')]);
    assert.deepEqual(
      input.busy.map((b) => b.start).sort(),
      [at(day3, '09:45'), at(day3, '12:45'), at(day3, '14:30')].sort(),
    );
    assert.deepEqual(computeSlots(input, closed, closed), []);
    assert.equal(computeSlots(input, special, special).length, 1);
    assert.ok(weekdayOf(special) >= 1);
    // Leave closes its days.
    await db()
      .insertInto('leave_periods')
      .values({ id: randomUUID(), start_day: day3, end_day: day3, kind: 'sick', note: '', created_at: isoNow() })
      .execute();
    const withLeave = await loadSlotInput(db(), productId, new Date(), { busySource: calendar });
    assert.deepEqual(computeSlots(withLeave!, day3, day3), []);
  });
});
