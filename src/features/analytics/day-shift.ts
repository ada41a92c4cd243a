import { memoize } from '../../domain/memo.js';

/**
 * For grouping in SQL by store-local day without time-zone support in the
 * database: between two offset changes (DST), local midnight is a fixed UTC
 * time of day, so an instant's local day is its UTC date shifted by −1, 0 or
 * +1 depending on which side of that time it lies. These are pure helpers.
 */

const wallClock = memoize(
  32,
  (timeZone) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }),
);

/** Minutes the zone is ahead of UTC at an instant (e.g. 120 for Berlin in summer). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const p = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  const utc = Math.floor(at.getTime() / 60_000) * 60_000;
  return Math.round((local - utc) / 60_000);
}

/** One stretch of constant offset, ending (exclusive) at `untilIso`; the last has none. */
export type Segment = { untilIso: string | undefined; offset: number };

/** The offset stretches covering [fromIso, toIso], found day by day and narrowed to the minute. */
export function offsetSegments(fromIso: string, toIso: string, timeZone: string): Segment[] {
  const DAY = 86_400_000;
  const end = new Date(toIso).getTime() + DAY;
  let t = new Date(fromIso).getTime() - DAY;
  let current = offsetMinutes(new Date(t), timeZone);
  const out: Segment[] = [];
  while (t < end) {
    const next = t + DAY;
    const o = offsetMinutes(new Date(next), timeZone);
    if (o !== current) {
      let lo = t;
      let hi = next; // offset(lo) = current, offset(hi) = o
      while (hi - lo > 60_000) {
        const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
        if (offsetMinutes(new Date(mid), timeZone) === current) lo = mid;
        else hi = mid;
      }
      out.push({ untilIso: new Date(hi).toISOString(), offset: current });
      current = o;
    }
    t = next;
  }
  out.push({ untilIso: undefined, offset: current });
  return out;
}

/** 'HH:MM' UTC at which local midnight falls for an offset, and the shift of times on its far side. */
export function boundaryOf(offset: number): { time: string; shiftAfter: number; shiftBefore: number } {
  const m = (((-offset % 1440) + 1440) % 1440) as number;
  const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  if (offset > 0) return { time, shiftAfter: 1, shiftBefore: 0 };
  if (offset < 0) return { time, shiftAfter: 0, shiftBefore: -1 };
  return { time: '00:00', shiftAfter: 0, shiftBefore: 0 };
}
