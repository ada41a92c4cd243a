import type { Db } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/queue.js';
import { emitWebhookEvent } from '../webhooks/emit.js';
import { courseCompletedJob } from './job-contracts.js';

/**
 * A student's progress per lesson: where the player was, how much of the
 * video was watched, time spent, and completion (≥ 90 % watched, the
 * student's own mark, or a passed quiz). Completing the last published
 * lesson completes the course once (a guarded UPDATE) and enqueues the
 * completion job in the same transaction.
 */

/** Share of a video that counts as watched. */
export const WATCHED_SHARE = 0.9;
/** The most one report may add: the player reports every ~15 s; more is a replay or a forged report. */
export const MAX_REPORT_SECONDS = 60;

export type ProgressReport = { positionSeconds: number; durationSeconds: number; watchedSeconds: number };

/** The lesson's progress row, made on first opening. */
export async function openLesson(db: Db, enrolmentId: string, lessonId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('lesson_progress')
    .values({ enrolment_id: enrolmentId, lesson_id: lessonId, first_opened_at: at, completed_at: null, updated_at: at })
    .onConflict((oc) => oc.columns(['enrolment_id', 'lesson_id']).doNothing())
    .execute();
  await db
    .updateTable('course_enrolments')
    .set({ first_access_at: at })
    .where('id', '=', enrolmentId)
    .where('first_access_at', 'is', null)
    .execute();
}

/** Records a player report; returns whether the lesson is (now) complete. */
export async function recordProgress(
  db: Db,
  enrolmentId: string,
  lesson: { id: string; completion: string },
  report: ProgressReport,
  now: Date,
): Promise<boolean> {
  await openLesson(db, enrolmentId, lesson.id, now);
  const row = await db
    .selectFrom('lesson_progress')
    .selectAll()
    .where('enrolment_id', '=', enrolmentId)
    .where('lesson_id', '=', lesson.id)
    .executeTakeFirstOrThrow();
  const duration = Math.round(Math.max(row.duration_seconds, report.durationSeconds));
  const added = Math.round(Math.min(Math.max(report.watchedSeconds, 0), MAX_REPORT_SECONDS));
  const watched = Math.min(row.watched_seconds + added, duration || row.watched_seconds + added);
  await db
    .updateTable('lesson_progress')
    .set({
      position_seconds: Math.round(Math.min(Math.max(report.positionSeconds, 0), duration || report.positionSeconds)),
      duration_seconds: duration,
      watched_seconds: watched,
      time_spent_seconds: row.time_spent_seconds + added,
      updated_at: now.toISOString(),
    })
    .where('enrolment_id', '=', enrolmentId)
    .where('lesson_id', '=', lesson.id)
    .execute();
  if (row.completed_at) return true;
  if (lesson.completion === 'view' && duration > 0 && watched >= duration * WATCHED_SHARE) {
    await completeLesson(db, enrolmentId, lesson.id, now);
    return true;
  }
  return false;
}

/**
 * Marks the lesson complete (idempotent). Call inside a transaction: when it
 * completes the course, the enrolment's completion and its job are written together.
 */
export async function completeLesson(db: Db, enrolmentId: string, lessonId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await openLesson(db, enrolmentId, lessonId, now);
  const r = await db
    .updateTable('lesson_progress')
    .set({ completed_at: at, updated_at: at })
    .where('enrolment_id', '=', enrolmentId)
    .where('lesson_id', '=', lessonId)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return;
  await completeCourseIfDone(db, enrolmentId, now);
}

async function completeCourseIfDone(db: Db, enrolmentId: string, now: Date): Promise<void> {
  const enrolment = await db
    .selectFrom('course_enrolments')
    .select(['product_id', 'completed_at'])
    .where('id', '=', enrolmentId)
    .executeTakeFirstOrThrow();
  if (enrolment.completed_at) return;
  const open = await db
    .selectFrom('course_lessons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('product_id', '=', enrolment.product_id)
    .where('status', '=', 'published')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('lesson_progress')
            .select('lesson_progress.lesson_id')
            .whereRef('lesson_progress.lesson_id', '=', 'course_lessons.id')
            .where('lesson_progress.enrolment_id', '=', enrolmentId)
            .where('lesson_progress.completed_at', 'is not', null),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  if (Number(open.n) > 0) return;
  const r = await db
    .updateTable('course_enrolments')
    .set({ completed_at: now.toISOString() })
    .where('id', '=', enrolmentId)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) {
    await enqueueJob(db, courseCompletedJob, { enrolmentId }, { uniqueKey: `course-completed:${enrolmentId}` });
    await emitWebhookEvent(db, 'course.completed', {
      enrolment_id: enrolmentId,
      course_id: enrolment.product_id,
      completed_at: now.toISOString(),
    });
  }
}
