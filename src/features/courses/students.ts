import type { Db } from '../../db/schema.js';

/** A course's students with their progress, for the admin page and the CSV export. */
export type StudentRow = {
  id: string;
  email: string;
  name: string;
  source: string;
  enrolled_at: string;
  revoked_at: string | null;
  completed_at: string | null;
  unlock_all: number;
  shift_days: number;
  cohort_id: string | null;
  lessons_done: number;
  seconds_spent: number;
  last_activity: string | null;
};

export const STUDENTS_PAGE_SIZE = 50;

/** A page of the course's students, newest first (`page` 0: all of them, for the CSV). */
export async function listStudents(
  db: Db,
  productId: string,
  opts: { cohortId?: string | undefined; page?: number } = {},
): Promise<{ rows: StudentRow[]; lessons: number; hasNext: boolean }> {
  const page = opts.page ?? 0;
  const cohortId = opts.cohortId;
  const [rows, lessons] = await Promise.all([
    db
      .selectFrom('course_enrolments as e')
      .select([
        'e.id',
        'e.email',
        'e.name',
        'e.source',
        'e.enrolled_at',
        'e.revoked_at',
        'e.completed_at',
        'e.unlock_all',
        'e.shift_days',
        'e.cohort_id',
      ])
      .select((eb) => [
        eb
          .selectFrom('lesson_progress as p')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('p.enrolment_id', '=', 'e.id')
          .where('p.completed_at', 'is not', null)
          .as('lessons_done'),
        eb
          .selectFrom('lesson_progress as p')
          .select((p) => p.fn.sum<number>('p.time_spent_seconds').as('s'))
          .whereRef('p.enrolment_id', '=', 'e.id')
          .as('seconds_spent'),
        eb
          .selectFrom('lesson_progress as p')
          .select((p) => p.fn.max<string>('p.updated_at').as('u'))
          .whereRef('p.enrolment_id', '=', 'e.id')
          .as('last_activity'),
      ])
      .where('e.product_id', '=', productId)
      .$if(cohortId !== undefined, (q) => q.where('e.cohort_id', '=', cohortId ?? ''))
      .orderBy('e.enrolled_at', 'desc')
      .orderBy('e.id')
      .$if(page > 0, (q) => q.limit(STUDENTS_PAGE_SIZE + 1).offset((page - 1) * STUDENTS_PAGE_SIZE))
      .execute(),
    db
      .selectFrom('course_lessons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', productId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow(),
  ]);
  const shown = page > 0 ? rows.slice(0, STUDENTS_PAGE_SIZE) : rows;
  return {
    rows: shown.map((r) => ({
      ...r,
      lessons_done: Number(r.lessons_done ?? 0),
      seconds_spent: Number(r.seconds_spent ?? 0),
      last_activity: r.last_activity ?? null,
    })),
    lessons: Number(lessons.n),
    hasNext: page > 0 && rows.length > STUDENTS_PAGE_SIZE,
  };
}

/** One student's progress per published lesson, in reading order. */
export async function studentProgress(db: Db, productId: string, enrolmentId: string) {
  const [enrolment, modules, lessons, progress] = await Promise.all([
    db
      .selectFrom('course_enrolments')
      .selectAll()
      .where('id', '=', enrolmentId)
      .where('product_id', '=', productId)
      .executeTakeFirst(),
    db.selectFrom('course_modules').select(['id', 'position']).where('product_id', '=', productId).execute(),
    db
      .selectFrom('course_lessons')
      .select(['id', 'title', 'module_id', 'position'])
      .where('product_id', '=', productId)
      .where('status', '=', 'published')
      .execute(),
    db.selectFrom('lesson_progress').selectAll().where('enrolment_id', '=', enrolmentId).execute(),
  ]);
  if (!enrolment) return undefined;
  const modulePosition = new Map(modules.map((m) => [m.id, m.position]));
  const byLesson = new Map(progress.map((p) => [p.lesson_id, p]));
  const ordered = [...lessons].sort(
    (a, b) =>
      (modulePosition.get(a.module_id) ?? 0) - (modulePosition.get(b.module_id) ?? 0) || a.position - b.position,
  );
  return { enrolment, lessons: ordered.map((l) => ({ ...l, progress: byLesson.get(l.id) })) };
}

export type StudentProgress = NonNullable<Awaited<ReturnType<typeof studentProgress>>>;

/** The per-student drip override: every lesson open, or the schedule moved by some days. */
export async function saveOverride(
  db: Db,
  productId: string,
  enrolmentId: string,
  unlockAll: boolean,
  shiftDays: number,
): Promise<boolean> {
  const r = await db
    .updateTable('course_enrolments')
    .set({ unlock_all: unlockAll ? 1 : 0, shift_days: shiftDays })
    .where('id', '=', enrolmentId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
