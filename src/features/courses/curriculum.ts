import type { CourseLesson, CourseModule } from '../../db/schema.js';
import { type DripStudent, laterOf, type Opening, opensFor, ruleOf } from './drip.js';

/**
 * A course's modules and lessons in order, each published lesson with when
 * it opens for one student. Pure. A module opens by its own rule and only
 * once every lesson that gates it (a required quiz in an earlier module) is
 * complete; a lesson opens when its module has and its own rule is met.
 */

export type CurriculumLesson = { lesson: CourseLesson; opening: Opening; completed: boolean };
export type CurriculumModule = { module: CourseModule; opening: Opening; lessons: CurriculumLesson[] };

export function curriculumFor(
  modules: readonly CourseModule[],
  lessons: readonly CourseLesson[],
  student: DripStudent,
  timeZone: string,
): CurriculumModule[] {
  const ordered = [...modules].sort((a, b) => a.position - b.position);
  let gatedByEarlier = false;
  return ordered.map((module) => {
    const own = lessons
      .filter((l) => l.module_id === module.id && l.status === 'published')
      .sort((a, b) => a.position - b.position);
    const moduleOpening =
      gatedByEarlier && !student.unlockAll ? 'waiting' : opensFor(ruleOf(module), student, timeZone);
    if (own.some((l) => l.gates_next_module === 1 && !student.completedLessonIds.has(l.id))) gatedByEarlier = true;
    return {
      module,
      opening: moduleOpening,
      lessons: own.map((lesson) => ({
        lesson,
        opening: laterOf(moduleOpening, opensFor(ruleOf(lesson), student, timeZone)),
        completed: student.completedLessonIds.has(lesson.id),
      })),
    };
  });
}

/** The lesson's entry, if it is a published lesson of this curriculum. */
export function findLesson(curriculum: readonly CurriculumModule[], lessonId: string): CurriculumLesson | undefined {
  for (const m of curriculum) {
    const found = m.lessons.find((l) => l.lesson.id === lessonId);
    if (found) return found;
  }
  return undefined;
}

/** Published lessons in reading order. */
export function lessonsInOrder(curriculum: readonly CurriculumModule[]): CurriculumLesson[] {
  return curriculum.flatMap((m) => m.lessons);
}
