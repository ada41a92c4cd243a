import type { VNode } from 'preact';
import type { CourseLesson, LessonProgress } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import { lessonQuestionsSlot } from '../course-questions/slots.js';
import { lessonQuizSlot } from '../course-quizzes/slots.js';
import { LessonVideoPlayer, loadLessonVideo } from '../course-video/player.js';
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
 * (course-video), the quiz (course-quizzes) and the questions (course-questions). Null where a lesson has none.
 * Called only once the lesson gate is open for this viewer.
 */
export async function lessonSlots(
  services: Services,
  ctx: PageContext,
  { lesson, enrolmentId, viewer, progress, base }: SlotInput,
): Promise<{ video: VNode | null; quiz: VNode | null; questions: VNode | null }> {
  const [video, quiz, questions] = await Promise.all([
    loadLessonVideo(services, lesson, { enrolmentId, admin: viewer.admin }),
    lessonQuizSlot(services.database.db, ctx, lesson.id, enrolmentId),
    lessonQuestionsSlot(services, ctx, { lessonId: lesson.id, enrolmentId, admin: viewer.admin }),
  ]);
  return {
    video: video
      ? LessonVideoPlayer({
          ctx,
          video,
          title: lesson.title,
          startAt: progress?.position_seconds ?? 0,
          ...(enrolmentId ? { progressUrl: `${base}/progress` } : {}),
        })
      : null,
    quiz,
    questions,
  };
}
