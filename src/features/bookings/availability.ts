import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/schema.js';
import { localDay } from '../analytics/time-zone.js';
import { getStoreSettings, readSetting } from '../settings/store-settings.js';
import { type BusySource, CALENDAR_URL_KEY, icsBusySource, NO_BUSY_SOURCE } from './busy-source.js';
import type { DayOverride, SlotInput, WeeklyWindow } from './slot-types.js';
import { addDays } from './slots.js';

/**
 * The creator's availability in the database: one weekly schedule for all
 * session types, date overrides, leave (the effort page's records) and the
 * busy time of every held or confirmed booking — the creator's time is one,
 * across session types — plus a calendar's busy time (busy-source.ts).
 */

type Window = { startMinute: number; endMinute: number };

/** Why a set of windows cannot be saved: a window out of the day or empty, or two windows of a day overlapping. */
export type WindowsProblem = 'range' | 'overlap';

/** Windows of one day: each within 00:00–24:00 and non-empty, none overlapping another (touching is fine). */
export function windowsProblem(windows: readonly Window[]): WindowsProblem | undefined {
  for (const w of windows) {
    const whole = Number.isInteger(w.startMinute) && Number.isInteger(w.endMinute);
    if (!whole || w.startMinute < 0 || w.endMinute > 1440 || w.startMinute >= w.endMinute) return 'range';
  }
  const sorted = [...windows].sort((a, b) => a.startMinute - b.startMinute);
  for (let k = 1; k < sorted.length; k++) if (sorted[k]!.startMinute < sorted[k - 1]!.endMinute) return 'overlap';
  return undefined;
}

const consoleLog = { warn: (obj: object, msg: string) => console.warn(msg, obj) };

/** The busy source the settings name: the iCalendar address, or none. */
export async function configuredBusySource(
  db: Db,
  timeZone: string,
  log: { warn(obj: object, msg: string): void } = consoleLog,
): Promise<BusySource> {
  const url = (await readSetting(db, CALENDAR_URL_KEY)) ?? '';
  return url ? icsBusySource({ url, timeZone, log }) : NO_BUSY_SOURCE;
}

/** Everything the slot engine needs for one session type at `now`; undefined when there is no such type. */
export async function loadSlotInput(
  db: Db,
  productId: string,
  now: Date,
  opts: { busySource?: BusySource; log?: { warn(obj: object, msg: string): void } } = {},
): Promise<SlotInput | undefined> {
  const type = await db.selectFrom('booking_types').selectAll().where('product_id', '=', productId).executeTakeFirst();
  if (!type) return undefined;
  const { timeZone } = await getStoreSettings(db);
  const today = localDay(now, timeZone);
  const [weekly, overrides, leave, bookings] = await Promise.all([
    weeklyHours(db),
    overridesFrom(db, addDays(today, -1)),
    db
      .selectFrom('leave_periods')
      .select(['start_day', 'end_day'])
      .where('end_day', '>=', addDays(today, -1))
      .execute(),
    db
      .selectFrom('bookings')
      .select(['product_id', 'starts_at', 'block_start', 'block_end'])
      .where('status', 'in', ['held', 'confirmed'])
      .where('block_end', '>', new Date(now.getTime() - 8 * 86_400_000).toISOString())
      .execute(),
  ]);
  const source = opts.busySource ?? (await configuredBusySource(db, timeZone, opts.log));
  const rangeEnd = new Date(now.getTime() + (type.horizon_days + 2) * 86_400_000).toISOString();
  const calendarBusy = await source.busy(new Date(now.getTime() - 86_400_000).toISOString(), rangeEnd);
  return {
    rules: {
      durationMinutes: type.duration_minutes,
      bufferBeforeMinutes: type.buffer_before_minutes,
      bufferAfterMinutes: type.buffer_after_minutes,
      minNoticeMinutes: type.min_notice_minutes,
      horizonDays: type.horizon_days,
      dailyCap: type.daily_cap,
      weeklyCap: type.weekly_cap,
      slotStepMinutes: type.slot_step_minutes,
    },
    weekly,
    overrides: overrides.map(({ day, windows }) => ({ day, windows })),
    leave: leave.map((l) => ({ startDay: l.start_day, endDay: l.end_day })),
    busy: [...bookings.map((b) => ({ start: b.block_start, end: b.block_end })), ...calendarBusy],
    bookedStarts: bookings.filter((b) => b.product_id === productId).map((b) => b.starts_at),
    timeZone,
    now,
  };
}

/** The weekly schedule, by weekday and start. */
export async function weeklyHours(db: Db): Promise<WeeklyWindow[]> {
  const rows = await db
    .selectFrom('availability_rules')
    .select(['weekday', 'start_minute', 'end_minute'])
    .orderBy('weekday')
    .orderBy('start_minute')
    .execute();
  return rows.map((r) => ({ weekday: r.weekday, startMinute: r.start_minute, endMinute: r.end_minute }));
}

/** Replaces the whole weekly schedule at once; refused (nothing saved) when a day's windows overlap or leave the day. */
export async function setWeeklyHours(
  db: Kysely<DB>,
  windows: readonly WeeklyWindow[],
): Promise<WindowsProblem | 'weekday' | undefined> {
  if (windows.some((w) => !Number.isInteger(w.weekday) || w.weekday < 1 || w.weekday > 7)) return 'weekday';
  for (let d = 1; d <= 7; d++) {
    const problem = windowsProblem(windows.filter((w) => w.weekday === d));
    if (problem) return problem;
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('availability_rules').execute();
    if (windows.length === 0) return;
    await trx
      .insertInto('availability_rules')
      .values(
        windows.map((w) => ({
          id: randomUUID(),
          weekday: w.weekday,
          start_minute: w.startMinute,
          end_minute: w.endMinute,
        })),
      )
      .execute();
  });
  return undefined;
}

/** A date override as the admin lists it: its windows (none: closed) and note; `id` names the day's override. */
export type OverrideView = DayOverride & { id: string; note: string; closed: boolean };

async function overridesFrom(db: Db, fromDay: string): Promise<OverrideView[]> {
  const rows = await db
    .selectFrom('availability_overrides')
    .selectAll()
    .where('day', '>=', fromDay)
    .orderBy('day')
    .orderBy('start_minute')
    .execute();
  const byDay = new Map<string, OverrideView>();
  for (const r of rows) {
    let o = byDay.get(r.day);
    if (!o) {
      o = { id: r.id, day: r.day, windows: [], note: r.note, closed: true };
      byDay.set(r.day, o);
    }
    if (r.start_minute !== null && r.end_minute !== null) {
      o.windows.push({ startMinute: r.start_minute, endMinute: r.end_minute });
      o.closed = false;
    }
    if (!o.note && r.note) o.note = r.note;
  }
  return [...byDay.values()];
}

/** The date overrides from a day on, soonest first. */
export function listOverrides(db: Db, fromDay: string): Promise<OverrideView[]> {
  return overridesFrom(db, fromDay);
}

/** Sets a day's override (replacing one the day had): other hours, or closed. */
export async function addOverride(
  db: Kysely<DB>,
  day: string,
  windows: readonly Window[] | 'closed',
  note: string,
): Promise<WindowsProblem | undefined> {
  const list = windows === 'closed' ? [] : windows;
  const problem = windows === 'closed' ? undefined : windowsProblem(list);
  if (problem) return problem;
  if (list.length === 0 && windows !== 'closed') return 'range';
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('availability_overrides').where('day', '=', day).execute();
    const rows =
      list.length === 0
        ? [{ id: randomUUID(), day, start_minute: null, end_minute: null, note }]
        : list.map((w) => ({ id: randomUUID(), day, start_minute: w.startMinute, end_minute: w.endMinute, note }));
    await trx.insertInto('availability_overrides').values(rows).execute();
  });
  return undefined;
}

/** Removes a day's override (every row of the day the id belongs to); false when there was none. */
export async function removeOverride(db: Kysely<DB>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('availability_overrides').select('day').where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom('availability_overrides').where('day', '=', row.day).execute();
    return true;
  });
}

/** Leave records (the effort page's) that have not ended before `fromDay`, soonest first. */
export function upcomingLeave(db: Db, fromDay: string) {
  return db
    .selectFrom('leave_periods')
    .select(['id', 'start_day', 'end_day', 'kind', 'note'])
    .where('end_day', '>=', fromDay)
    .orderBy('start_day')
    .execute();
}
