import type { QuizQuestionKind } from '../../db/schema.js';

/** A question as grading sees it: its kind and which of its options are right. */
export type GradedQuestion = {
  id: string;
  kind: QuizQuestionKind;
  options: readonly { id: string; correct: boolean }[];
};

/** What a student ticked: option ids per question id. */
export type QuizAnswers = Readonly<Record<string, readonly string[]>>;

export type QuizGrade = {
  correctCount: number;
  questionCount: number;
  /** Right answers ÷ questions × 100, rounded down (shown to the student). */
  scorePercent: number;
  passed: boolean;
  /** Per question, in the quiz's order. */
  results: { questionId: string; correct: boolean }[];
  /** The answers kept with the attempt: only options of their own question, each once, in the question's order. */
  answers: Record<string, string[]>;
};

/**
 * Grades one attempt, on the server only (the client never sends a score).
 * A single-choice question is right when exactly its one right option is
 * ticked; a multiple-choice question when every right option and no wrong
 * one is ticked. Ids that belong to no option of the question are ignored.
 * Passing compares whole numbers (right × 100 ≥ pass mark × questions), so
 * 2 of 3 passes a mark of 66 % but not 67 %.
 */
export function gradeQuiz(questions: readonly GradedQuestion[], given: QuizAnswers, passPercent: number): QuizGrade {
  const answers: Record<string, string[]> = {};
  const results = questions.map((q) => {
    const ticked = new Set(given[q.id] ?? []);
    const chosen = q.options.filter((o) => ticked.has(o.id));
    answers[q.id] = chosen.map((o) => o.id);
    const right = q.options.filter((o) => o.correct);
    const correct =
      right.length > 0 &&
      (q.kind === 'single'
        ? chosen.length === 1 && chosen[0]?.correct === true
        : chosen.length === right.length && chosen.every((o) => o.correct));
    return { questionId: q.id, correct };
  });
  const questionCount = questions.length;
  const correctCount = results.filter((r) => r.correct).length;
  const scorePercent = questionCount === 0 ? 0 : Math.floor((correctCount * 100) / questionCount);
  const passed = questionCount > 0 && correctCount * 100 >= passPercent * questionCount;
  return { correctCount, questionCount, scorePercent, passed, results, answers };
}

/** Attempts a student has left; null: unlimited. */
export function attemptsLeft(maxAttempts: number | null, used: number): number | null {
  return maxAttempts === null ? null : Math.max(0, maxAttempts - used);
}
