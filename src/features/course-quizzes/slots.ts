import type { VNode } from 'preact';
import type { Db } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { LessonQuizAdmin } from './admin.js';
import { loadLessonQuiz, loadLessonQuizAdmin } from './queries.js';
import { LessonQuiz } from './student.js';

/**
 * What the courses feature's lesson pages draw of a quiz, in one call each
 * (for `lessonSlots` and `adminSlots`). The student's: null when the lesson
 * has no quiz with questions. The admin's: always the editor (it makes the
 * quiz with its first settings or question).
 */
export async function lessonQuizSlot(
  db: Db,
  ctx: PageContext,
  lessonId: string,
  enrolmentId: string | null,
): Promise<VNode | null> {
  const quiz = await loadLessonQuiz(db, lessonId, enrolmentId);
  return quiz ? LessonQuiz({ ctx, quiz }) : null;
}

export async function lessonQuizAdminSlot(db: Db, ctx: PageContext, lessonId: string): Promise<VNode | null> {
  const quiz = await loadLessonQuizAdmin(db, lessonId);
  return quiz ? LessonQuizAdmin({ ctx, quiz }) : null;
}
