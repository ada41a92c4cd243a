import type { Db } from '../../db/schema.js';
import { afterCursor, type PageQuery, toPage } from './pagination.js';
import { cursorFrom, PRODUCT_FIELDS, productCursor } from './resources-kind-pages.js';

/** What the API reads of courses: the courses, their curriculum's titles, enrolments with progress. */
function courseQuery(db: Db) {
  return db
    .selectFrom('products')
    .innerJoin('courses', 'courses.product_id', 'products.id')
    .select([...PRODUCT_FIELDS, 'courses.certificate', 'courses.study_minutes'])
    .where('products.kind', '=', 'course');
}

export async function listCourses(db: Db, page: PageQuery) {
  const cursor = await productCursor(db, 'course', page);
  let q = courseQuery(db);
  if (cursor) q = q.where(afterCursor('products', cursor));
  const rows = await q
    .orderBy('products.created_at')
    .orderBy('products.id')
    .limit(page.limit + 1)
    .execute();
  return toPage(
    rows.map((c) => ({ ...c, certificate: c.certificate === 1 })),
    page.limit,
  );
}

/** A course with its modules and their lessons in order: titles only, the bodies stay for students. */
export async function findCourse(db: Db, id: string) {
  const course = await courseQuery(db).where('products.id', '=', id).executeTakeFirst();
  if (!course) return undefined;
  const [modules, lessons] = await Promise.all([
    db
      .selectFrom('course_modules')
      .select(['id', 'title'])
      .where('product_id', '=', id)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('course_lessons')
      .select(['id', 'module_id', 'slug', 'title', 'status', 'free_preview'])
      .where('product_id', '=', id)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ]);
  return {
    ...course,
    certificate: course.certificate === 1,
    modules: modules.map((m) => ({
      ...m,
      lessons: lessons
        .filter((l) => l.module_id === m.id)
        .map(({ module_id: _, free_preview, ...l }) => ({ ...l, free_preview: free_preview === 1 })),
    })),
  };
}

export async function courseExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('courses').select('product_id').where('product_id', '=', id).executeTakeFirst()) !== undefined
  );
}

/** A course's students with how much of its published lessons each has completed. */
export async function listEnrolments(db: Db, courseId: string, page: PageQuery) {
  const cursor = await cursorFrom(page, (id) =>
    db
      .selectFrom('course_enrolments')
      .select(['id', 'enrolled_at as created_at'])
      .where('id', '=', id)
      .where('product_id', '=', courseId)
      .executeTakeFirst(),
  );
  let q = db
    .selectFrom('course_enrolments')
    .select((eb) => [
      'course_enrolments.id',
      'course_enrolments.email',
      'course_enrolments.name',
      'course_enrolments.source',
      'course_enrolments.enrolled_at',
      'course_enrolments.completed_at',
      'course_enrolments.revoked_at',
      eb
        .selectFrom('lesson_progress')
        .innerJoin('course_lessons', 'course_lessons.id', 'lesson_progress.lesson_id')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .whereRef('lesson_progress.enrolment_id', '=', 'course_enrolments.id')
        .where('lesson_progress.completed_at', 'is not', null)
        .where('course_lessons.status', '=', 'published')
        .as('lessons_done'),
    ])
    .where('course_enrolments.product_id', '=', courseId);
  if (cursor) q = q.where(afterCursor('course_enrolments', cursor, 'enrolled_at'));
  const [rows, published] = await Promise.all([
    q
      .orderBy('course_enrolments.enrolled_at')
      .orderBy('course_enrolments.id')
      .limit(page.limit + 1)
      .execute(),
    db
      .selectFrom('course_lessons')
      .select((s) => s.fn.countAll<number | string>().as('n'))
      .where('product_id', '=', courseId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow(),
  ]);
  const total = Number(published.n);
  const data = rows.map(({ lessons_done, ...e }) => ({
    ...e,
    progress_percent: total === 0 ? 0 : Math.min(100, Math.floor((Number(lessons_done ?? 0) * 100) / total)),
  }));
  return toPage(data, page.limit);
}

/** Events with their sessions and seats (never the meeting link: that is for ticket holders). */
