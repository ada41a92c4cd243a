import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { completeLesson } from '../courses/progress.js';
import { gradeQuiz, type QuizGrade } from './grade.js';
import { loadQuiz, type StoredAnswers } from './queries.js';

export type SubmitAttemptResult =
  | { kind: 'no-quiz' }
  | { kind: 'passed-already' }
  | { kind: 'no-attempts-left' }
  /** Questions without any ticked answer: nothing is recorded, the form comes back. */
  | { kind: 'unanswered'; questionIds: string[] }
  | { kind: 'graded'; number: number; grade: QuizGrade };

/**
 * Reads when a concurrent submit took the attempt number first (PostgreSQL;
 * SQLite writes one at a time). Each lost race means another attempt was
 * recorded, so a limit ends the loop; this only bounds an unlimited quiz.
 */
const TRIES = 20;

/**
 * A student's submitted answers: graded on the server, recorded as the next
 * attempt, and a pass completes the lesson (`completeLesson`, in the same
 * transaction: the last lesson completes the course and queues its
 * certificate). The attempt's number is unique per (enrolment, quiz): when two
 * submits race, one insert finds its number taken and the loop reads again,
 * so the limit holds. The caller has checked that the lesson is open to this
 * enrolment (`lessonGate`).
 */
export async function submitQuizAttempt(
  db: Kysely<DB>,
  o: { lessonId: string; enrolmentId: string; answers: Record<string, readonly string[]>; now?: Date },
): Promise<SubmitAttemptResult> {
  const now = o.now ?? new Date();
  const loaded = await loadQuiz(db, o.lessonId);
  if (!loaded || loaded.questions.length === 0) return { kind: 'no-quiz' };
  const { quiz, questions } = loaded;
  const unanswered = questions.filter((q) => !q.options.some((opt) => o.answers[q.id]?.includes(opt.id)));
  if (unanswered.length > 0) return { kind: 'unanswered', questionIds: unanswered.map((q) => q.id) };
  const grade = gradeQuiz(questions, o.answers, quiz.pass_percent);
  const stored: StoredAnswers = Object.fromEntries(
    grade.results.map((r) => [r.questionId, { chosen: grade.answers[r.questionId] ?? [], correct: r.correct }]),
  );

  for (let attempt = 0; attempt < TRIES; attempt++) {
    const result = await db.transaction().execute(async (trx): Promise<SubmitAttemptResult | undefined> => {
      const done = await trx
        .selectFrom('course_quiz_attempts')
        .select((eb) => [eb.fn.max('number').as('last'), eb.fn.max('passed').as('passed')])
        .where('quiz_id', '=', quiz.id)
        .where('enrolment_id', '=', o.enrolmentId)
        .executeTakeFirst();
      if (Number(done?.passed ?? 0) === 1) return { kind: 'passed-already' };
      const number = Number(done?.last ?? 0) + 1;
      if (quiz.max_attempts !== null && number > quiz.max_attempts) return { kind: 'no-attempts-left' };
      const inserted = await trx
        .insertInto('course_quiz_attempts')
        .values({
          id: randomUUID(),
          quiz_id: quiz.id,
          enrolment_id: o.enrolmentId,
          number,
          correct_count: grade.correctCount,
          question_count: grade.questionCount,
          score_percent: grade.scorePercent,
          passed: grade.passed ? 1 : 0,
          answers: JSON.stringify(stored),
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['enrolment_id', 'quiz_id', 'number']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return undefined; // taken meanwhile: read again
      if (grade.passed) await completeLesson(trx, o.enrolmentId, o.lessonId, now);
      return { kind: 'graded', number, grade };
    });
    if (result) return result;
  }
  throw new Error(`quiz attempt of ${o.enrolmentId}: ${TRIES} concurrent submits won the number first`);
}
