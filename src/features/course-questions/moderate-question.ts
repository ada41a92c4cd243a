import type { Kysely } from 'kysely';
import type { CourseQuestionStatus, DB } from '../../db/schema.js';
import { recordAudit } from '../admin/audit.js';

/** The creator hides a question from the students or shows it again; false: no such question. */
export async function setQuestionStatus(
  db: Kysely<DB>,
  o: { questionId: string; status: CourseQuestionStatus; actor: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('course_questions')
      .set({ status: o.status })
      .where('id', '=', o.questionId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await recordAudit(trx, o.actor, `course-question.${o.status}`, { questionId: o.questionId });
    return true;
  });
}

/** The creator deletes a question with its answers; false: no such question. */
export async function deleteQuestion(db: Kysely<DB>, o: { questionId: string; actor: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('course_question_answers').where('question_id', '=', o.questionId).execute();
    const r = await trx.deleteFrom('course_questions').where('id', '=', o.questionId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return false;
    await recordAudit(trx, o.actor, 'course-question.deleted', { questionId: o.questionId });
    return true;
  });
}

/** A student deletes their own question (only theirs: the enrolment must match); false: none such. */
export async function deleteOwnQuestion(
  db: Kysely<DB>,
  o: { questionId: string; lessonId: string; enrolmentId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const own = await trx
      .selectFrom('course_questions')
      .select('id')
      .where('id', '=', o.questionId)
      .where('lesson_id', '=', o.lessonId)
      .where('enrolment_id', '=', o.enrolmentId)
      .executeTakeFirst();
    if (!own) return false;
    await trx.deleteFrom('course_question_answers').where('question_id', '=', own.id).execute();
    await trx.deleteFrom('course_questions').where('id', '=', own.id).execute();
    return true;
  });
}
