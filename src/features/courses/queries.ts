import type { Db } from '../../db/schema.js';

/** A course by its product's address (the admin also sees drafts). */
export function findCourseBySlug(db: Db, slug: string, admin: boolean) {
  return db
    .selectFrom('courses')
    .innerJoin('products', 'products.id', 'courses.product_id')
    .selectAll('courses')
    .select(['products.slug', 'products.title', 'products.status', 'products.summary'])
    .where('products.slug', '=', slug)
    .where('products.kind', '=', 'course')
    .$if(!admin, (q) => q.where('products.status', '=', 'published'))
    .executeTakeFirst();
}

export type CourseRow = NonNullable<Awaited<ReturnType<typeof findCourseBySlug>>>;

export function findLessonBySlug(db: Db, productId: string, slug: string) {
  return db
    .selectFrom('course_lessons')
    .selectAll()
    .where('product_id', '=', productId)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export function listAttachments(db: Db, lessonId: string) {
  return db
    .selectFrom('lesson_attachments')
    .selectAll()
    .where('lesson_id', '=', lessonId)
    .orderBy('created_at')
    .execute();
}

export function findProgress(db: Db, enrolmentId: string, lessonId: string) {
  return db
    .selectFrom('lesson_progress')
    .selectAll()
    .where('enrolment_id', '=', enrolmentId)
    .where('lesson_id', '=', lessonId)
    .executeTakeFirst();
}

/** The courses this address may open from its library: enrolments not ended. */
export function listStudentCourses(db: Db, email: string) {
  return db
    .selectFrom('course_enrolments as e')
    .innerJoin('products as p', 'p.id', 'e.product_id')
    .innerJoin('courses as c', 'c.product_id', 'e.product_id')
    .select(['p.slug', 'p.title', 'e.completed_at', 'e.id as enrolment_id', 'e.source', 'e.product_id', 'c.tier_ids'])
    .where('e.email', '=', email)
    .where('e.revoked_at', 'is', null)
    .where('p.status', '=', 'published')
    .orderBy('p.title')
    .execute();
}

/** A lesson with its course's title and address (for the pages and emails of the course features). */
export function findLessonWithCourse(db: Db, lessonId: string) {
  return db
    .selectFrom('course_lessons')
    .innerJoin('products', 'products.id', 'course_lessons.product_id')
    .select([
      'course_lessons.id',
      'course_lessons.product_id',
      'course_lessons.slug',
      'course_lessons.title',
      'products.slug as product_slug',
      'products.title as course_title',
    ])
    .where('course_lessons.id', '=', lessonId)
    .executeTakeFirst();
}
