import type { Selectable } from 'kysely';

/** Quizzes of course lessons (features/course-quizzes). */

export interface CourseQuizzesTable {
  id: string;
  /** UNIQUE: one quiz per lesson. */
  lesson_id: string;
  /** Share of questions answered right that passes, 1–100. */
  pass_percent: number;
  /** Attempts per student; null: unlimited. */
  max_attempts: number | null;
  /** 1: the next module stays locked until the quiz is passed (sets the lesson's `gates_next_module`). */
  required: number;
  created_at: string;
  updated_at: string;
}

export type QuizQuestionKind = 'single' | 'multiple';

export interface CourseQuizQuestionsTable {
  id: string;
  quiz_id: string;
  kind: QuizQuestionKind;
  prompt: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface CourseQuizOptionsTable {
  id: string;
  question_id: string;
  label: string;
  /** 1: a right answer. */
  correct: number;
  position: number;
}

export interface CourseQuizAttemptsTable {
  id: string;
  quiz_id: string;
  enrolment_id: string;
  /** 1, 2, …; UNIQUE with (enrolment_id, quiz_id), so the limit holds under concurrent submits. */
  number: number;
  correct_count: number;
  question_count: number;
  /** Computed on the server (floor of right ÷ questions × 100). */
  score_percent: number;
  passed: number;
  /** JSON: { [questionId]: optionId[] } as submitted (options of that question only). */
  answers: string;
  created_at: string;
}

export type CourseQuiz = Selectable<CourseQuizzesTable>;
export type CourseQuizQuestion = Selectable<CourseQuizQuestionsTable>;
export type CourseQuizOption = Selectable<CourseQuizOptionsTable>;
export type CourseQuizAttempt = Selectable<CourseQuizAttemptsTable>;
