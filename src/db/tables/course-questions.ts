import type { Generated, Selectable } from 'kysely';

/** Questions under course lessons and the creator's answers (features/course-questions). */

/** visible: every student of the lesson sees it; hidden: the creator took it out of view (moderation). */
export type CourseQuestionStatus = 'visible' | 'hidden';

export interface CourseQuestionsTable {
  id: string;
  lesson_id: string;
  /** The course (product) of the lesson, kept for the admin's list. */
  product_id: string;
  /** Who asked: access, the rate limit, the answer's email and erasure follow the enrolment. */
  enrolment_id: string;
  /** What other students see: the first name given at enrolment; null shows "Student". */
  author_name: string | null;
  /** Plain text as typed (line breaks as \n), at most 2,000 characters. */
  body: string;
  status: Generated<CourseQuestionStatus>;
  created_at: string;
  /** Set by the first answer; null: open. */
  answered_at: string | null;
}

export type CourseQuestionAnswerAuthor = 'creator';

export interface CourseQuestionAnswersTable {
  id: string;
  question_id: string;
  author: CourseQuestionAnswerAuthor;
  /** Plain text as typed (line breaks as \n), at most 5,000 characters. */
  body: string;
  created_at: string;
}

export type CourseQuestion = Selectable<CourseQuestionsTable>;
export type CourseQuestionAnswer = Selectable<CourseQuestionAnswersTable>;
