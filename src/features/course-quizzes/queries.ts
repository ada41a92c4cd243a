import type { Db, QuizQuestionKind } from '../../db/schema.js';
import { attemptsLeft } from './grade.js';

export type QuizQuestionRow = {
  id: string;
  kind: QuizQuestionKind;
  prompt: string;
  position: number;
  options: { id: string; label: string; correct: boolean }[];
};

/** The quiz of a lesson with its questions and options, in order (correct flags included: server use only). */
export async function loadQuiz(db: Db, lessonId: string) {
  const quiz = await db.selectFrom('course_quizzes').selectAll().where('lesson_id', '=', lessonId).executeTakeFirst();
  if (!quiz) return undefined;
  const [questions, options] = await Promise.all([
    db
      .selectFrom('course_quiz_questions')
      .select(['id', 'kind', 'prompt', 'position'])
      .where('quiz_id', '=', quiz.id)
      .orderBy('position')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('course_quiz_options')
      .innerJoin('course_quiz_questions', 'course_quiz_questions.id', 'course_quiz_options.question_id')
      .select([
        'course_quiz_options.id',
        'course_quiz_options.question_id',
        'course_quiz_options.label',
        'course_quiz_options.correct',
      ])
      .where('course_quiz_questions.quiz_id', '=', quiz.id)
      .orderBy('course_quiz_options.position')
      .execute(),
  ]);
  const rows: QuizQuestionRow[] = questions.map((q) => ({
    ...q,
    options: options
      .filter((o) => o.question_id === q.id)
      .map((o) => ({ id: o.id, label: o.label, correct: o.correct === 1 })),
  }));
  return { quiz, questions: rows };
}

/** A student's attempts at a quiz, newest first. */
export function listAttempts(db: Db, quizId: string, enrolmentId: string) {
  return db
    .selectFrom('course_quiz_attempts')
    .selectAll()
    .where('quiz_id', '=', quizId)
    .where('enrolment_id', '=', enrolmentId)
    .orderBy('number', 'desc')
    .execute();
}

/** What an attempt keeps per question: the ticked options and whether the answer was right. */
export type StoredAnswers = Record<string, { chosen: string[]; correct: boolean }>;

export function readStoredAnswers(json: string): StoredAnswers {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as StoredAnswers) : {};
  } catch {
    return {};
  }
}

/** The student's view of a lesson's quiz: no right answers, except after passing. */
export type LessonQuizData = {
  lessonId: string;
  passPercent: number;
  maxAttempts: number | null;
  required: boolean;
  questions: { id: string; kind: QuizQuestionKind; prompt: string; options: { id: string; label: string }[] }[];
  /** False for a viewer without an enrolment (the admin, a free preview): the questions show, no form. */
  enrolled: boolean;
  attemptsUsed: number;
  /** null: unlimited. */
  attemptsLeft: number | null;
  passed: boolean;
  /** The latest attempt: its score and which questions were wrong (not what would have been right). */
  last: {
    number: number;
    scorePercent: number;
    correctCount: number;
    questionCount: number;
    passed: boolean;
    createdAt: string;
    wrongQuestionIds: string[];
  } | null;
  /** After passing only: the right options of each question. */
  rightOptionIds: Record<string, string[]> | null;
};

/**
 * Loads the quiz of a lesson for the student page; null when the lesson has
 * no quiz or the quiz no questions. `enrolmentId` null: a viewer who cannot
 * take it (admin, free preview).
 */
export async function loadLessonQuiz(
  db: Db,
  lessonId: string,
  enrolmentId: string | null,
): Promise<LessonQuizData | null> {
  const loaded = await loadQuiz(db, lessonId);
  if (!loaded || loaded.questions.length === 0) return null;
  const { quiz, questions } = loaded;
  const attempts = enrolmentId ? await listAttempts(db, quiz.id, enrolmentId) : [];
  const latest = attempts[0];
  const passed = attempts.some((a) => a.passed === 1);
  const stored = latest ? readStoredAnswers(latest.answers) : {};
  return {
    lessonId,
    passPercent: quiz.pass_percent,
    maxAttempts: quiz.max_attempts,
    required: quiz.required === 1,
    questions: questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      options: q.options.map((o) => ({ id: o.id, label: o.label })),
    })),
    enrolled: enrolmentId !== null,
    attemptsUsed: attempts.length,
    attemptsLeft: attemptsLeft(quiz.max_attempts, attempts.length),
    passed,
    last: latest
      ? {
          number: latest.number,
          scorePercent: latest.score_percent,
          correctCount: latest.correct_count,
          questionCount: latest.question_count,
          passed: latest.passed === 1,
          createdAt: latest.created_at,
          wrongQuestionIds: Object.entries(stored)
            .filter(([, a]) => !a.correct)
            .map(([id]) => id),
        }
      : null,
    rightOptionIds: passed
      ? Object.fromEntries(questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]))
      : null,
  };
}

/** The admin's view of a lesson's quiz. */
export type LessonQuizAdminData = {
  productId: string;
  lessonId: string;
  lessonTitle: string;
  quiz: { passPercent: number; maxAttempts: number | null; required: boolean; attemptCount: number } | null;
  questions: QuizQuestionRow[];
};

/** Loads a lesson's quiz for the admin's lesson editor; undefined when the lesson does not exist. */
export async function loadLessonQuizAdmin(db: Db, lessonId: string): Promise<LessonQuizAdminData | undefined> {
  const lesson = await db
    .selectFrom('course_lessons')
    .select(['id', 'product_id', 'title'])
    .where('id', '=', lessonId)
    .executeTakeFirst();
  if (!lesson) return undefined;
  const loaded = await loadQuiz(db, lessonId);
  const attempts = loaded
    ? await db
        .selectFrom('course_quiz_attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('quiz_id', '=', loaded.quiz.id)
        .executeTakeFirstOrThrow()
    : { n: 0 };
  return {
    productId: lesson.product_id,
    lessonId: lesson.id,
    lessonTitle: lesson.title,
    quiz: loaded
      ? {
          passPercent: loaded.quiz.pass_percent,
          maxAttempts: loaded.quiz.max_attempts,
          required: loaded.quiz.required === 1,
          attemptCount: Number(attempts.n),
        }
      : null,
    questions: loaded?.questions ?? [],
  };
}
