import type { PrivacyPart } from '../privacy/privacy-part.js';

/**
 * Questions the subject asked under lessons (through their enrolments), with
 * the creator's answers: exported as asked; erased with their answers (the
 * store need not keep them, and other students' view loses only them).
 */
export const courseQuestionsPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => {
    const questions = await db
      .selectFrom('course_questions as q')
      .innerJoin('course_enrolments as e', 'e.id', 'q.enrolment_id')
      .innerJoin('course_lessons as l', 'l.id', 'q.lesson_id')
      .innerJoin('products as p', 'p.id', 'q.product_id')
      .select(['q.id', 'p.title as course', 'l.title as lesson', 'q.author_name', 'q.body', 'q.status', 'q.created_at'])
      .where('e.email', '=', address)
      .orderBy('q.created_at')
      .execute();
    const answers =
      questions.length === 0
        ? []
        : await db
            .selectFrom('course_question_answers')
            .select(['question_id', 'body', 'created_at'])
            .where(
              'question_id',
              'in',
              questions.map((q) => q.id),
            )
            .orderBy('created_at')
            .execute();
    return {
      courseQuestions: questions.map((q) => ({
        ...q,
        answers: answers.filter((a) => a.question_id === q.id).map(({ body, created_at }) => ({ body, created_at })),
      })),
    };
  },
  erase: async (trx, address) => {
    const ids = (
      await trx
        .selectFrom('course_questions as q')
        .innerJoin('course_enrolments as e', 'e.id', 'q.enrolment_id')
        .select('q.id')
        .where('e.email', '=', address)
        .execute()
    ).map((q) => q.id);
    if (ids.length === 0) return { courseQuestions: 0 };
    await trx.deleteFrom('course_question_answers').where('question_id', 'in', ids).execute();
    const r = await trx.deleteFrom('course_questions').where('id', 'in', ids).executeTakeFirst();
    return { courseQuestions: Number(r.numDeletedRows) };
  },
};
