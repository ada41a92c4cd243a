import type { VNode } from 'preact';
import type { CourseLesson } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';

/** The parts of the lesson editor other features draw: the video upload (course-video) and the quiz editor (course-quizzes). */
export async function adminSlots(
  _services: Services,
  _ctx: PageContext,
  _lesson: CourseLesson,
): Promise<{ video: VNode | null; quiz: VNode | null }> {
  return { video: null, quiz: null };
}
