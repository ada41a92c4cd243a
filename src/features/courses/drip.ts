import type { CourseLesson, CourseModule, UnlockKind } from '../../db/schema.js';
import { localInputToUtc, utcToLocalInput } from '../posts/local-time.js';

/**
 * Drip: when a module or lesson opens for one student. Pure; the store's
 * time zone decides what "N days later" means, so a lesson that opens three
 * days after an enrolment at 10:00 opens at 10:00 on the store's clock, also
 * across a daylight-saving change.
 */

export type UnlockRule = {
  kind: UnlockKind;
  days: number | null;
  at: string | null;
  afterLessonId: string | null;
};

export type DripStudent = {
  enrolledAt: string;
  firstAccessAt: string | null;
  /** The cohort's start, when the student belongs to one: drip counts from it instead of the enrolment. */
  cohortStartsAt: string | null;
  unlockAll: boolean;
  shiftDays: number;
  completedLessonIds: ReadonlySet<string>;
};

/** When the rule opens: an instant, 'open' (no time involved), or 'waiting' (an unmet condition, e.g. a lesson not yet completed). */
export type Opening = { at: string } | 'open' | 'waiting';

export function ruleOf(
  row: Pick<CourseModule | CourseLesson, 'unlock_kind' | 'unlock_days' | 'unlock_at' | 'unlock_after_lesson_id'>,
): UnlockRule {
  return { kind: row.unlock_kind, days: row.unlock_days, at: row.unlock_at, afterLessonId: row.unlock_after_lesson_id };
}

/** `days` calendar days after `iso`, at the same time on the store's clock. */
export function addLocalDays(iso: string, days: number, timeZone: string): string {
  const local = utcToLocalInput(iso, timeZone);
  const [date, time] = local.split('T') as [string, string];
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  const shifted = `${day.toISOString().slice(0, 10)}T${time}`;
  // A wall time that does not exist (the hour skipped in spring) falls to the instant after the gap.
  return (localInputToUtc(shifted, timeZone) ?? new Date(iso)).toISOString();
}

/** When one rule opens for this student (before the student's shift). */
function openingOf(rule: UnlockRule, student: DripStudent, timeZone: string): Opening {
  switch (rule.kind) {
    case 'immediate':
      return 'open';
    case 'after_days':
      return { at: addLocalDays(student.cohortStartsAt ?? student.enrolledAt, rule.days ?? 0, timeZone) };
    case 'after_first_access':
      return student.firstAccessAt ? { at: addLocalDays(student.firstAccessAt, rule.days ?? 0, timeZone) } : 'waiting';
    case 'at':
      return rule.at ? { at: rule.at } : 'open';
    case 'after_lesson':
      return !rule.afterLessonId || student.completedLessonIds.has(rule.afterLessonId) ? 'open' : 'waiting';
  }
}

/** When a rule opens for the student, with the student's shift and "unlock all" applied. */
export function opensFor(rule: UnlockRule, student: DripStudent, timeZone: string): Opening {
  if (student.unlockAll) return 'open';
  const opening = openingOf(rule, student, timeZone);
  if (typeof opening === 'string' || student.shiftDays === 0 || rule.kind === 'at') return opening;
  return { at: addLocalDays(opening.at, student.shiftDays, timeZone) };
}

/** The later of two openings: a lesson opens when both its module and itself have. */
export function laterOf(a: Opening, b: Opening): Opening {
  if (a === 'waiting' || b === 'waiting') return 'waiting';
  if (a === 'open') return b;
  if (b === 'open') return a;
  return a.at >= b.at ? a : b;
}

export function isOpen(opening: Opening, now: Date): boolean {
  return opening === 'open' || (opening !== 'waiting' && opening.at <= now.toISOString());
}
