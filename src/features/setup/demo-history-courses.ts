import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { CourseLesson, CourseModule, DB } from '../../db/schema.js';
import { type GradedQuestion, gradeQuiz, type QuizAnswers } from '../course-quizzes/grade.js';
import { loadQuiz, type StoredAnswers } from '../course-quizzes/queries.js';
import { type CurriculumLesson, curriculumFor, lessonsInOrder } from '../courses/curriculum.js';
import type { HistoryContext } from './demo-history-context.js';
import type { HistoricalOrder } from './demo-history-orders.js';
import type { PlannedStudy } from './demo-history-plan.js';
import { insertRows } from './demo-insert.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

type Quiz = NonNullable<Awaited<ReturnType<typeof loadQuiz>>>;
type Course = { modules: CourseModule[]; lessons: CourseLesson[]; quizzes: Map<string, Quiz>; timeZone: string };
type Enrolment = { id: string; enrolled_at: string };
type Rows = {
  progress: Insertable<DB['lesson_progress']>[];
  attempts: Insertable<DB['course_quiz_attempts']>[];
  unlockEmails: Insertable<DB['course_unlock_emails']>[];
};

/**
 * How the course's students took it, after their orders enrolled them: per
 * enrolment the lessons opened and completed in reading order, never before
 * drip opened them nor after access ended or today; a lesson completed by
 * its quiz with a passed attempt (some after a failed one); the enrolment's
 * first access, and its completion when every published lesson is done. The
 * drip emails of lessons that opened in the past count as sent, so the
 * hourly job does not announce a year of openings at the first start. Rows
 * only, as the history writes everything: no job, no email, no certificate.
 */
export async function writeCourseStudy(
  trx: Transaction<DB>,
  ctx: HistoryContext,
  orders: readonly HistoricalOrder[],
): Promise<void> {
  const productId = ctx.catalog.products.course.id;
  const studies = new Map(orders.flatMap((o) => (o.study ? [[o.id, o.study] as const] : [])));
  const [modules, lessons, enrolments] = await Promise.all([
    trx.selectFrom('course_modules').selectAll().where('product_id', '=', productId).execute(),
    trx.selectFrom('course_lessons').selectAll().where('product_id', '=', productId).execute(),
    trx
      .selectFrom('course_enrolments')
      .select(['id', 'order_id', 'enrolled_at', 'revoked_at'])
      .where('product_id', '=', productId)
      .orderBy('enrolled_at')
      .execute(),
  ]);
  const quizzes = new Map<string, Quiz>();
  for (const l of lessons.filter((x) => x.completion === 'quiz')) {
    const quiz = await loadQuiz(trx, l.id);
    if (quiz && quiz.questions.length > 0) quizzes.set(l.id, quiz);
  }
  const course: Course = { modules, lessons, quizzes, timeZone: ctx.timeZone };
  const rows: Rows = { progress: [], attempts: [], unlockEmails: [] };
  for (const e of enrolments) {
    const study = e.order_id ? studies.get(e.order_id) : undefined;
    if (!study) continue;
    const until = Math.min(ctx.now.getTime(), e.revoked_at ? Date.parse(e.revoked_at) : Number.POSITIVE_INFINITY);
    const taken = takeCourse(course, e, study, until, rows);
    if (!taken.firstAccessAt) continue;
    await trx
      .updateTable('course_enrolments')
      .set({ first_access_at: taken.firstAccessAt, completed_at: taken.completedAt })
      .where('id', '=', e.id)
      .execute();
  }
  await insertRows(trx, 'lesson_progress', rows.progress);
  await insertRows(trx, 'course_quiz_attempts', rows.attempts);
  await insertRows(trx, 'course_unlock_emails', rows.unlockEmails);
}

/**
 * One student: completes lessons in order as far as the plan reaches (and
 * opens the next one), as drip lets them and time allows; then the drip
 * emails they were sent.
 */
function takeCourse(
  course: Course,
  enrolment: Enrolment,
  study: PlannedStudy,
  until: number,
  rows: Rows,
): { firstAccessAt: string | null; completedAt: string | null } {
  const done = new Map<string, number>();
  const curriculum = () =>
    lessonsInOrder(curriculumFor(course.modules, course.lessons, student(enrolment, done), course.timeZone));
  const total = curriculum().length;
  const reached = study.reach >= 1 ? total : Math.min(total - 1, Math.floor(study.reach * total));
  let first: number | null = null;
  let t = Date.parse(enrolment.enrolled_at) + study.startHours * HOUR;
  for (let n = 0; study.reach > 0 && n <= reached && n < total; n++) {
    // Drip as the student saw it then: a lesson may wait for an earlier one (a required quiz).
    const entry = curriculum()[n];
    if (!entry || entry.opening === 'waiting') break;
    const opened = Math.max(t, entry.opening === 'open' ? 0 : Date.parse(entry.opening.at));
    if (opened >= until) break;
    first ??= opened;
    const spent = Math.round(study.minutes * 60 * (0.8 + 0.15 * (n % 3)));
    const finished = opened + spent * 1000;
    let finishes = n < reached && finished < until;
    const quiz = course.quizzes.get(entry.lesson.id);
    if (quiz) {
      // Some fail a quiz before they pass it; those who stop at it may have tried and given up.
      const limit = quiz.quiz.max_attempts ?? Number.POSITIVE_INFINITY;
      const failures = Math.min(study.quizTries - 1, finishes ? limit - 1 : limit);
      let number = 0;
      for (let k = 1; k <= failures; k++) {
        const at = opened + Math.round((spent * 1000 * k) / (failures + 1));
        const failed = at < until ? attempt(quiz, enrolment.id, number + 1, false, at) : undefined;
        if (failed) rows.attempts.push(failed);
        if (failed) number++;
      }
      const passed = finishes ? attempt(quiz, enrolment.id, number + 1, true, finished) : undefined;
      if (passed) rows.attempts.push(passed);
      else finishes = false;
    }
    if (!finishes) {
      const partial = Math.round(spent / 3);
      const last = Math.min(opened + partial * 1000, until - 1000);
      rows.progress.push(progressRow(enrolment.id, entry, opened, last, partial, null));
      break;
    }
    rows.progress.push(progressRow(enrolment.id, entry, opened, finished, spent, finished));
    done.set(entry.lesson.id, finished);
    t = finished + study.paceHours * HOUR;
  }
  announceDrip(curriculum(), enrolment, done, until, rows);
  const complete = total > 0 && done.size === total;
  return {
    firstAccessAt: first === null ? null : iso(first),
    completedAt: complete ? iso(Math.max(...done.values())) : null,
  };
}

function progressRow(
  enrolmentId: string,
  entry: CurriculumLesson,
  opened: number,
  last: number,
  spent: number,
  completed: number | null,
): Insertable<DB['lesson_progress']> {
  return {
    enrolment_id: enrolmentId,
    lesson_id: entry.lesson.id,
    time_spent_seconds: spent,
    first_opened_at: iso(opened),
    completed_at: completed === null ? null : iso(completed),
    updated_at: iso(Math.max(opened, last)),
  };
}

/**
 * An attempt as the quiz records it, graded by the quiz's own rule: every
 * answer right to pass, the first question wrong to fail (undefined when
 * that would not fail this quiz).
 */
function attempt(quiz: Quiz, enrolmentId: string, number: number, pass: boolean, at: number) {
  const questions: GradedQuestion[] = quiz.questions;
  const given: QuizAnswers = Object.fromEntries(
    questions.map((q, i) => {
      const right = q.options.filter((o) => o.correct).map((o) => o.id);
      const wrong = q.options.find((o) => !o.correct)?.id;
      return [q.id, pass || i > 0 || !wrong ? right : [wrong]];
    }),
  );
  const grade = gradeQuiz(questions, given, quiz.quiz.pass_percent);
  if (grade.passed !== pass) return undefined;
  const stored: StoredAnswers = Object.fromEntries(
    grade.results.map((r) => [r.questionId, { chosen: grade.answers[r.questionId] ?? [], correct: r.correct }]),
  );
  return {
    id: randomUUID(),
    quiz_id: quiz.quiz.id,
    enrolment_id: enrolmentId,
    number,
    correct_count: grade.correctCount,
    question_count: grade.questionCount,
    score_percent: grade.scorePercent,
    passed: grade.passed ? 1 : 0,
    answers: JSON.stringify(stored),
    created_at: iso(at),
  } satisfies Insertable<DB['course_quiz_attempts']>;
}

/**
 * The lessons drip opened for this student before `until`, claimed as the
 * hourly job claims them when it mails: at the opening, or when the student
 * completed what held the lesson back, whichever came later.
 */
function announceDrip(
  curriculum: readonly CurriculumLesson[],
  enrolment: Enrolment,
  done: ReadonlyMap<string, number>,
  until: number,
  rows: Rows,
): void {
  let heldUntil = 0;
  for (const l of curriculum) {
    if (typeof l.opening === 'object' && l.opening.at > enrolment.enrolled_at) {
      const at = Math.max(Date.parse(l.opening.at), heldUntil);
      if (at < until) rows.unlockEmails.push({ enrolment_id: enrolment.id, lesson_id: l.lesson.id, sent_at: iso(at) });
    }
    const completed = done.get(l.lesson.id);
    if (l.lesson.gates_next_module === 1 && completed !== undefined) heldUntil = Math.max(heldUntil, completed);
  }
}

function student(enrolment: Enrolment, done: ReadonlyMap<string, number>) {
  return {
    enrolledAt: enrolment.enrolled_at,
    firstAccessAt: null,
    cohortStartsAt: null,
    unlockAll: false,
    shiftDays: 0,
    completedLessonIds: new Set(done.keys()),
  };
}
