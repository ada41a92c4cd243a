import { memoize } from '../../domain/memo.js';
import { offsetMinutes } from '../analytics/day-shift.js';

/**
 * Times as the store sees them: the editor's datetime-local field is read and
 * shown in the store's time zone (the setting analytics uses), and stored as
 * UTC. Pure helpers on the runtime's Intl time-zone data.
 */

const INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `YYYY-MM-DDTHH:mm` on the store's clock → the instant; undefined for text that is no such time. */
export function localInputToUtc(value: string, timeZone: string): Date | undefined {
  const m = INPUT.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  // The offset at the wall time read as UTC is right except near a change; a second pass settles it.
  const first = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  return new Date(wall - offsetMinutes(new Date(first), timeZone) * 60_000);
}

const inputFormat = memoize(
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

/** An instant as the value of a datetime-local field on the store's clock. */
export function utcToLocalInput(iso: string, timeZone: string): string {
  const p = Object.fromEntries(
    inputFormat(timeZone)
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
