import type { VNode } from 'preact';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import { listLessonQuestions } from './queries.js';
import { LessonQuestions } from './student.js';

/**
 * The questions part of the student's lesson page (for the courses
 * feature's `lessonSlots`), called once the lesson gate is open: an enrolled
 * student reads and asks, the admin's preview (no enrolment) reads; anyone
 * else — a visitor of a free preview lesson — gets null.
 */
export async function lessonQuestionsSlot(
  services: Pick<Services, 'database'>,
  ctx: PageContext,
  { lessonId, enrolmentId, admin }: { lessonId: string; enrolmentId: string | null; admin: boolean },
): Promise<VNode | null> {
  if (enrolmentId === null && !admin) return null;
  const { questions, more } = await listLessonQuestions(services.database.db, lessonId);
  return LessonQuestions({ ctx, lessonId, questions, more, enrolmentId });
}
