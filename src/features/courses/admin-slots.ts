import type { VNode } from 'preact';
import type { CourseLesson } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import { lessonQuizAdminSlot } from '../course-quizzes/slots.js';
import { LessonVideoAdmin, loadLessonVideoAdmin } from '../course-video/admin-panel.js';

/** The parts of the lesson editor other features draw: the video upload (course-video) and the quiz editor (course-quizzes). */
export async function adminSlots(
  services: Services,
  ctx: PageContext,
  lesson: CourseLesson,
): Promise<{ video: VNode | null; quiz: VNode | null }> {
  const { db } = services.database;
  const [video, quiz] = await Promise.all([
    loadLessonVideoAdmin(db, lesson.id),
    lessonQuizAdminSlot(db, ctx, lesson.id),
  ]);
  return { video: LessonVideoAdmin({ ctx, data: video, maxBytes: services.config.maxUploadBytes }), quiz };
}
