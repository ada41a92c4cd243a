import type { CourseQuestionStatus, Db } from '../../db/schema.js';

export type ShownAnswer = { id: string; body: string; created_at: string };
export type ShownQuestion = {
  id: string;
  enrolment_id: string;
  author_name: string | null;
  body: string;
  status: CourseQuestionStatus;
  created_at: string;
  answers: ShownAnswer[];
};

/** The answers of these questions, oldest first, grouped by question. */
async function answersOf(db: Db, questionIds: readonly string[]): Promise<Map<string, ShownAnswer[]>> {
  const byQuestion = new Map<string, ShownAnswer[]>();
  if (questionIds.length === 0) return byQuestion;
  const rows = await db
    .selectFrom('course_question_answers')
    .select(['id', 'question_id', 'body', 'created_at'])
    .where('question_id', 'in', questionIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const { question_id, ...a } of rows) byQuestion.set(question_id, [...(byQuestion.get(question_id) ?? []), a]);
  return byQuestion;
}

/** Most questions a lesson page shows (the newest). */
export const LESSON_PAGE_LIMIT = 100;

/** A lesson's visible questions, newest first, with their answers. */
export async function listLessonQuestions(db: Db, lessonId: string, limit = LESSON_PAGE_LIMIT) {
  const rows = await db
    .selectFrom('course_questions')
    .select(['id', 'enrolment_id', 'author_name', 'body', 'status', 'created_at'])
    .where('lesson_id', '=', lessonId)
    .where('status', '=', 'visible')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  const answers = await answersOf(
    db,
    shown.map((q) => q.id),
  );
  return {
    questions: shown.map((q): ShownQuestion => ({ ...q, answers: answers.get(q.id) ?? [] })),
    more: rows.length > limit,
  };
}

/** Most answered questions the admin list shows after every open one. */
export const ADMIN_ANSWERED_LIMIT = 200;

export type AdminQuestion = ShownQuestion & {
  lesson_id: string;
  lesson_title: string;
  lesson_slug: string;
  course_title: string;
  course_slug: string;
  email: string;
  student_name: string;
  answered_at: string | null;
};

/** The creator's list: open questions (visible, not answered) first, oldest first; then the rest, newest first. */
export async function listAdminQuestions(db: Db) {
  const base = () =>
    db
      .selectFrom('course_questions as q')
      .innerJoin('course_lessons as l', 'l.id', 'q.lesson_id')
      .innerJoin('products as p', 'p.id', 'q.product_id')
      .innerJoin('course_enrolments as e', 'e.id', 'q.enrolment_id')
      .select([
        'q.id',
        'q.enrolment_id',
        'q.author_name',
        'q.body',
        'q.status',
        'q.created_at',
        'q.answered_at',
        'q.lesson_id',
        'l.title as lesson_title',
        'l.slug as lesson_slug',
        'p.title as course_title',
        'p.slug as course_slug',
        'e.email',
        'e.name as student_name',
      ]);
  const [open, rest] = await Promise.all([
    base()
      .where('q.answered_at', 'is', null)
      .where('q.status', '=', 'visible')
      .orderBy('q.created_at')
      .orderBy('q.id')
      .execute(),
    base()
      .where((eb) => eb.or([eb('q.answered_at', 'is not', null), eb('q.status', '!=', 'visible')]))
      .orderBy('q.created_at', 'desc')
      .orderBy('q.id', 'desc')
      .limit(ADMIN_ANSWERED_LIMIT + 1)
      .execute(),
  ]);
  const shownRest = rest.slice(0, ADMIN_ANSWERED_LIMIT);
  const answers = await answersOf(
    db,
    [...open, ...shownRest].map((q) => q.id),
  );
  const withAnswers = (q: (typeof open)[number]): AdminQuestion => ({ ...q, answers: answers.get(q.id) ?? [] });
  return { open: open.map(withAnswers), rest: shownRest.map(withAnswers), more: rest.length > ADMIN_ANSWERED_LIMIT };
}
