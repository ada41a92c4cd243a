import type { PrivacyPart } from '../privacy/privacy-part.js';

/**
 * Enrolments and progress under the subject's address: exported with the
 * lessons completed; erased entirely (the database removes progress, quiz
 * attempts and questions with them). The orders behind them stay as the
 * law keeps orders; the course access ends with the erasure.
 */
export const coursesPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => ({
    courseEnrolments: await db
      .selectFrom('course_enrolments as e')
      .innerJoin('products as p', 'p.id', 'e.product_id')
      .select([
        'p.title as course',
        'e.name',
        'e.source',
        'e.enrolled_at',
        'e.first_access_at',
        'e.completed_at',
        'e.revoked_at',
      ])
      .where('e.email', '=', address)
      .execute(),
    lessonProgress: await db
      .selectFrom('lesson_progress as lp')
      .innerJoin('course_enrolments as e', 'e.id', 'lp.enrolment_id')
      .innerJoin('course_lessons as l', 'l.id', 'lp.lesson_id')
      .select([
        'l.title as lesson',
        'lp.position_seconds',
        'lp.watched_seconds',
        'lp.time_spent_seconds',
        'lp.first_opened_at',
        'lp.completed_at',
      ])
      .where('e.email', '=', address)
      .execute(),
  }),
  erase: async (trx, address) => {
    const r = await trx.deleteFrom('course_enrolments').where('email', '=', address).executeTakeFirst();
    return { courseEnrolments: Number(r.numDeletedRows) };
  },
};
