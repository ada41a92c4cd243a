import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { syncLessonCompletion } from './lesson-completion.js';
import type { QuestionInput, QuizSettingsInput } from './quiz-input.js';

/**
 * The admin's changes to a lesson's quiz. Each runs in one transaction that
 * also brings the lesson's completion rule in step (`syncLessonCompletion`).
 * The quiz row is made on first use; the lesson must belong to the course
 * named in the address.
 */

type Result = 'ok' | 'not-found';
type Where = { productId: string; lessonId: string; now?: Date };

/** A new quiz: 70 % passes, unlimited attempts, not required. */
const DEFAULT_SETTINGS: QuizSettingsInput = { passPercent: 70, maxAttempts: null, required: false };

const settingsColumns = (s: QuizSettingsInput) => ({
  pass_percent: s.passPercent,
  max_attempts: s.maxAttempts,
  required: s.required ? 1 : 0,
});

/** The lesson's quiz id, the quiz made (with default settings) if it has none. */
async function ensureQuiz(trx: Transaction<DB>, lessonId: string, now: string): Promise<string> {
  await trx
    .insertInto('course_quizzes')
    .values({
      id: randomUUID(),
      lesson_id: lessonId,
      ...settingsColumns(DEFAULT_SETTINGS),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('lesson_id').doNothing())
    .execute();
  const row = await trx
    .selectFrom('course_quizzes')
    .select('id')
    .where('lesson_id', '=', lessonId)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function lessonOfCourse(db: Transaction<DB>, { productId, lessonId }: Where): Promise<boolean> {
  const row = await db
    .selectFrom('course_lessons')
    .select('id')
    .where('id', '=', lessonId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Runs `change` for a lesson of the course, then syncs the lesson's completion rule. */
function changeQuiz(
  db: Kysely<DB>,
  where: Where,
  change: (trx: Transaction<DB>, quizId: string, now: string) => Promise<Result>,
): Promise<Result> {
  const now = where.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    if (!(await lessonOfCourse(trx, where))) return 'not-found';
    const quizId = await ensureQuiz(trx, where.lessonId, now.toISOString());
    const result = await change(trx, quizId, now.toISOString());
    if (result === 'ok') await syncLessonCompletion(trx, where.lessonId, now);
    return result;
  });
}

/** Pass mark, attempt limit and "required before the next module". */
export function saveQuizSettings(db: Kysely<DB>, o: Where & { input: QuizSettingsInput }): Promise<Result> {
  return changeQuiz(db, o, async (trx, quizId, now) => {
    await trx
      .updateTable('course_quizzes')
      .set({ ...settingsColumns(o.input), updated_at: now })
      .where('id', '=', quizId)
      .execute();
    return 'ok';
  });
}

async function writeOptions(trx: Transaction<DB>, questionId: string, input: QuestionInput): Promise<void> {
  // Options keep their ids by position, so the answers of earlier attempts still point at them.
  const existing = await trx
    .selectFrom('course_quiz_options')
    .select('id')
    .where('question_id', '=', questionId)
    .orderBy('position')
    .execute();
  for (const [position, option] of input.options.entries()) {
    const values = { label: option.label, correct: option.correct ? 1 : 0, position };
    const id = existing[position]?.id;
    if (id) await trx.updateTable('course_quiz_options').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('course_quiz_options')
        .values({ id: randomUUID(), question_id: questionId, ...values })
        .execute();
  }
  const extra = existing.slice(input.options.length).map((o) => o.id);
  if (extra.length > 0) await trx.deleteFrom('course_quiz_options').where('id', 'in', extra).execute();
}

/** Adds a question at the end; returns its id. */
export async function addQuestion(
  db: Kysely<DB>,
  o: Where & { input: QuestionInput },
): Promise<{ kind: 'ok'; id: string } | { kind: 'not-found' }> {
  const id = randomUUID();
  const result = await changeQuiz(db, o, async (trx, quizId, now) => {
    const last = await trx
      .selectFrom('course_quiz_questions')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('quiz_id', '=', quizId)
      .executeTakeFirst();
    const position = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
    await trx
      .insertInto('course_quiz_questions')
      .values({
        id,
        quiz_id: quizId,
        kind: o.input.kind,
        prompt: o.input.prompt,
        position,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeOptions(trx, id, o.input);
    return 'ok';
  });
  return result === 'ok' ? { kind: 'ok', id } : { kind: 'not-found' };
}

/** The question, if it belongs to this quiz. */
function questionOf(trx: Transaction<DB>, quizId: string, questionId: string) {
  return trx
    .selectFrom('course_quiz_questions')
    .select(['id', 'position'])
    .where('id', '=', questionId)
    .where('quiz_id', '=', quizId)
    .executeTakeFirst();
}

export function updateQuestion(
  db: Kysely<DB>,
  o: Where & { questionId: string; input: QuestionInput },
): Promise<Result> {
  return changeQuiz(db, o, async (trx, quizId, now) => {
    if (!(await questionOf(trx, quizId, o.questionId))) return 'not-found';
    await trx
      .updateTable('course_quiz_questions')
      .set({ kind: o.input.kind, prompt: o.input.prompt, updated_at: now })
      .where('id', '=', o.questionId)
      .execute();
    await writeOptions(trx, o.questionId, o.input);
    return 'ok';
  });
}

export function deleteQuestion(db: Kysely<DB>, o: Where & { questionId: string }): Promise<Result> {
  return changeQuiz(db, o, async (trx, quizId) => {
    if (!(await questionOf(trx, quizId, o.questionId))) return 'not-found';
    await trx.deleteFrom('course_quiz_options').where('question_id', '=', o.questionId).execute();
    await trx.deleteFrom('course_quiz_questions').where('id', '=', o.questionId).execute();
    return 'ok';
  });
}

/** Swaps the question with its neighbour above or below (nothing at either end). */
export function moveQuestion(
  db: Kysely<DB>,
  o: Where & { questionId: string; direction: 'up' | 'down' },
): Promise<Result> {
  return changeQuiz(db, o, async (trx, quizId) => {
    const question = await questionOf(trx, quizId, o.questionId);
    if (!question) return 'not-found';
    const neighbour = await trx
      .selectFrom('course_quiz_questions')
      .select(['id', 'position'])
      .where('quiz_id', '=', quizId)
      .where('position', o.direction === 'up' ? '<' : '>', question.position)
      .orderBy('position', o.direction === 'up' ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst();
    if (!neighbour) return 'ok';
    await trx
      .updateTable('course_quiz_questions')
      .set({ position: neighbour.position })
      .where('id', '=', question.id)
      .execute();
    await trx
      .updateTable('course_quiz_questions')
      .set({ position: question.position })
      .where('id', '=', neighbour.id)
      .execute();
    return 'ok';
  });
}
