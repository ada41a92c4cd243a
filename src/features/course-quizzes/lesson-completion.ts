import type { Db } from '../../db/schema.js';

/**
 * Keeps the lesson's completion rule in step with its quiz: a quiz with
 * questions makes the lesson complete by passing it (`completion = 'quiz'`)
 * and, when required, gates the next module; without questions the lesson is
 * completed by viewing again. Runs in the transaction that changes the quiz.
 */
export async function syncLessonCompletion(db: Db, lessonId: string, now: Date): Promise<void> {
  const quiz = await db
    .selectFrom('course_quizzes')
    .select(['required'])
    .select((eb) =>
      eb
        .selectFrom('course_quiz_questions')
        .select((q) => q.fn.countAll<number>().as('n'))
        .whereRef('course_quiz_questions.quiz_id', '=', 'course_quizzes.id')
        .as('questions'),
    )
    .where('lesson_id', '=', lessonId)
    .executeTakeFirst();
  const active = quiz !== undefined && Number(quiz.questions) > 0;
  const completion = active ? 'quiz' : 'view';
  const gates = active && quiz.required === 1 ? 1 : 0;
  await db
    .updateTable('course_lessons')
    .set({ completion, gates_next_module: gates, updated_at: now.toISOString() })
    .where('id', '=', lessonId)
    .where((eb) => eb.or([eb('completion', '!=', completion), eb('gates_next_module', '!=', gates)]))
    .execute();
}
