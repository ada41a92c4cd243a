import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { isLocale } from '../../web/i18n.js';
import { findLessonWithCourse } from '../courses/queries.js';
import { queueEmail } from '../email/queue-email.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { adminQuestionsPath } from './paths.js';
import { QUESTIONS_PER_HOUR, shownName } from './question-input.js';

export type AskQuestionResult = { kind: 'asked'; id: string } | { kind: 'rate-limited' } | { kind: 'not-found' };

const HOUR_MS = 3_600_000;

/**
 * A student's question under a lesson: stored visible, and every admin of
 * the store is emailed (in their language) in the same transaction, once
 * per question and admin. At most `QUESTIONS_PER_HOUR` per enrolment within
 * the last hour, counted in the database; the enrolment's row is locked
 * first on PostgreSQL (SQLite runs one transaction at a time), so questions
 * sent at once cannot pass the limit together. The caller has checked that
 * the lesson is open to this enrolment (`lessonGate`).
 */
export async function askQuestion(
  database: { db: Kysely<DB>; dialect: Dialect },
  o: { lessonId: string; enrolmentId: string; text: string; publicUrl: string; now?: Date },
): Promise<AskQuestionResult> {
  const now = o.now ?? new Date();
  return database.db.transaction().execute(async (trx): Promise<AskQuestionResult> => {
    let enrolmentQuery = trx.selectFrom('course_enrolments').select(['id', 'name']).where('id', '=', o.enrolmentId);
    if (database.dialect === 'postgres') enrolmentQuery = enrolmentQuery.forUpdate();
    const [enrolment, lesson] = await Promise.all([
      enrolmentQuery.executeTakeFirst(),
      findLessonWithCourse(trx, o.lessonId),
    ]);
    if (!enrolment || !lesson) return { kind: 'not-found' };
    const recent = await trx
      .selectFrom('course_questions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('enrolment_id', '=', o.enrolmentId)
      .where('created_at', '>', new Date(now.getTime() - HOUR_MS).toISOString())
      .executeTakeFirst();
    if (Number(recent?.n ?? 0) >= QUESTIONS_PER_HOUR) return { kind: 'rate-limited' };
    const id = randomUUID();
    const authorName = shownName(enrolment.name);
    await trx
      .insertInto('course_questions')
      .values({
        id,
        lesson_id: lesson.id,
        product_id: lesson.product_id,
        enrolment_id: enrolment.id,
        author_name: authorName,
        body: o.text,
        status: 'visible',
        created_at: now.toISOString(),
        answered_at: null,
      })
      .execute();
    const [admins, store] = await Promise.all([
      trx.selectFrom('admin_users').select(['id', 'email', 'locale']).execute(),
      getStoreSettings(trx),
    ]);
    for (const admin of admins) {
      const locale = isLocale(admin.locale) ? admin.locale : store.locale;
      await queueEmail(trx, {
        to: admin.email,
        locale,
        template: 'course-question-asked',
        uniqueKey: `course-question-asked:${id}:${admin.id}`,
        data: {
          studentName: enrolment.name.trim() || authorName || '—',
          courseTitle: lesson.course_title,
          lessonTitle: lesson.title,
          question: o.text,
          url: `${o.publicUrl}${adminQuestionsPath}#question-${id}`,
        },
      });
    }
    return { kind: 'asked', id };
  });
}
