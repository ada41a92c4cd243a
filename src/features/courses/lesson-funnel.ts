import type { Db } from '../../db/schema.js';

/**
 * Where students stop: per published lesson in reading order, how many
 * students started it, completed it, and how many have it as their first
 * lesson not completed (the place they stopped or are now). Pure apart from
 * `loadLessonFunnel`, which reads the rows.
 */

export type FunnelLesson = { id: string; title: string };
export type FunnelRow = FunnelLesson & { started: number; completed: number; stoppedHere: number };

export function lessonFunnel(
  lessons: readonly FunnelLesson[],
  students: readonly { started: ReadonlySet<string>; completed: ReadonlySet<string> }[],
): FunnelRow[] {
  const rows = lessons.map((l) => ({ ...l, started: 0, completed: 0, stoppedHere: 0 }));
  for (const s of students) {
    let stopped = false;
    for (const row of rows) {
      if (s.started.has(row.id) || s.completed.has(row.id)) row.started++;
      if (s.completed.has(row.id)) row.completed++;
      else if (!stopped) {
        row.stoppedHere++;
        stopped = true;
      }
    }
  }
  return rows;
}

/** The funnel of a course's students whose access has not ended. */
export async function loadLessonFunnel(db: Db, productId: string): Promise<{ rows: FunnelRow[]; students: number }> {
  const [modules, lessons, progress, enrolments] = await Promise.all([
    db.selectFrom('course_modules').select(['id', 'position']).where('product_id', '=', productId).execute(),
    db
      .selectFrom('course_lessons')
      .select(['id', 'title', 'module_id', 'position'])
      .where('product_id', '=', productId)
      .where('status', '=', 'published')
      .execute(),
    db
      .selectFrom('lesson_progress as p')
      .innerJoin('course_enrolments as e', 'e.id', 'p.enrolment_id')
      .select(['p.enrolment_id', 'p.lesson_id', 'p.completed_at'])
      .where('e.product_id', '=', productId)
      .where('e.revoked_at', 'is', null)
      .execute(),
    db
      .selectFrom('course_enrolments')
      .select('id')
      .where('product_id', '=', productId)
      .where('revoked_at', 'is', null)
      .execute(),
  ]);
  const modulePosition = new Map(modules.map((m) => [m.id, m.position]));
  const ordered = [...lessons].sort(
    (a, b) =>
      (modulePosition.get(a.module_id) ?? 0) - (modulePosition.get(b.module_id) ?? 0) || a.position - b.position,
  );
  const byStudent = new Map(
    enrolments.map((e) => [e.id, { started: new Set<string>(), completed: new Set<string>() }]),
  );
  for (const p of progress) {
    const s = byStudent.get(p.enrolment_id);
    s?.started.add(p.lesson_id);
    if (p.completed_at) s?.completed.add(p.lesson_id);
  }
  return { rows: lessonFunnel(ordered, [...byStudent.values()]), students: byStudent.size };
}
