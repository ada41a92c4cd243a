import type { VNode } from 'preact';
import type { CourseLesson, LessonProgress } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import type { Viewer } from './access.js';

export type SlotInput = {
  lesson: CourseLesson;
  enrolmentId: string | null;
  viewer: Viewer;
  progress: LessonProgress | undefined;
  /** The lesson's address (progress reports go to `${base}/progress`). */
  base: string;
};

/**
 * The parts of a lesson page other features draw: the video player
 * (course-video) and the quiz (course-quizzes). Null where a lesson has none.
 */
export async function lessonSlots(
  _services: Services,
  _ctx: PageContext,
  _input: SlotInput,
): Promise<{ video: VNode | null; quiz: VNode | null }> {
  return { video: null, quiz: null };
}
