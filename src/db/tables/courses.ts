import type { Generated, Selectable } from 'kysely';

/** Courses: a product of kind 'course' with modules, lessons, enrolments and each student's progress. */

/**
 * When a module or lesson opens for a student (drip). A lesson opens when its
 * module has opened and its own rule is met.
 * - immediate: at enrolment;
 * - after_days: `unlock_days` days after enrolment (or the cohort's start);
 * - after_first_access: `unlock_days` days after the student first opened the course;
 * - at: at `unlock_at` (UTC, entered in the store's time zone);
 * - after_lesson: when the student has completed `unlock_after_lesson_id`.
 */
export type UnlockKind = 'immediate' | 'after_days' | 'after_first_access' | 'at' | 'after_lesson';

type UnlockColumns = {
  unlock_kind: Generated<UnlockKind>;
  unlock_days: number | null;
  unlock_at: string | null;
  unlock_after_lesson_id: string | null;
};

export interface CoursesTable {
  /** The product (kind 'course') this course is sold as; also the course's id. */
  product_id: string;
  /** JSON array of membership tier ids whose members may take the course without buying it. */
  tier_ids: Generated<string>;
  /** Hours of study printed on the certificate (minutes). */
  study_minutes: Generated<number>;
  /** 1: a completed course earns a certificate. */
  certificate: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type CourseModulesTable = UnlockColumns & {
  id: string;
  product_id: string;
  title: string;
  position: number;
  created_at: string;
};

export type LessonCompletion = 'view' | 'quiz';

export type LessonStatus = 'draft' | 'published';

export type CourseLessonsTable = UnlockColumns & {
  id: string;
  product_id: string;
  module_id: string;
  /** UNIQUE per course; the address /courses/<product slug>/<lesson slug>. */
  slug: string;
  title: string;
  body_md: Generated<string>;
  /** 1: anybody may open it, enrolled or not (a taster on the product page). */
  free_preview: Generated<number>;
  status: Generated<LessonStatus>;
  position: number;
  /** The lesson's video (course-video feature), if any. */
  video_id: string | null;
  /**
   * How the lesson is completed: 'view' — watched to 90 % or marked by the
   * student; 'quiz' — its quiz passed (course-quizzes sets this).
   */
  completion: Generated<LessonCompletion>;
  /** 1: the next module stays locked until this lesson is complete (a required quiz). */
  gates_next_module: Generated<number>;
  created_at: string;
  updated_at: string;
};

export interface LessonAttachmentsTable {
  id: string;
  lesson_id: string;
  name: string;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  created_at: string;
}

export interface CourseCohortsTable {
  id: string;
  product_id: string;
  name: string;
  /** UTC; drip counts from here for the cohort's students. */
  starts_at: string;
  created_at: string;
}

/** How a student came to the course. */
export type EnrolmentSource = 'order' | 'membership' | 'free' | 'admin';

export interface CourseEnrolmentsTable {
  id: string;
  product_id: string;
  /** Normalised address (the customer library's identity). UNIQUE with product_id. */
  email: string;
  name: Generated<string>;
  source: EnrolmentSource;
  order_id: string | null;
  enrolled_at: string;
  first_access_at: string | null;
  /** Access ended (refund, dispute, withdrawal); progress is kept. */
  revoked_at: string | null;
  /** 1: every lesson open regardless of drip. */
  unlock_all: Generated<number>;
  /** Days the drip schedule is moved (negative: earlier). */
  shift_days: Generated<number>;
  cohort_id: string | null;
  completed_at: string | null;
}

export interface LessonProgressTable {
  enrolment_id: string;
  lesson_id: string;
  /** Where the player was last (seconds). */
  position_seconds: Generated<number>;
  duration_seconds: Generated<number>;
  /** Seconds of the video watched, counted from the player's reports (capped per report). */
  watched_seconds: Generated<number>;
  /** Time spent on the lesson page (seconds). */
  time_spent_seconds: Generated<number>;
  first_opened_at: string;
  completed_at: string | null;
  updated_at: string;
}

/** One email per (student, lesson) that opened by drip: the key keeps a rerun from mailing twice. */
export interface CourseUnlockEmailsTable {
  enrolment_id: string;
  lesson_id: string;
  sent_at: string;
}

export type Course = Selectable<CoursesTable>;
export type CourseModule = Selectable<CourseModulesTable>;
export type CourseLesson = Selectable<CourseLessonsTable>;
export type LessonAttachment = Selectable<LessonAttachmentsTable>;
export type CourseCohort = Selectable<CourseCohortsTable>;
export type CourseEnrolment = Selectable<CourseEnrolmentsTable>;
export type LessonProgress = Selectable<LessonProgressTable>;
