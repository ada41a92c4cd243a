import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { MessageKey } from '../../web/messages.js';
import type { LessonQuizData } from './queries.js';
import { answerField } from './quiz-input.js';

/** Where the student's answers are posted. */
export const quizSubmitPath = (lessonId: string) => `/course-quizzes/${lessonId}`;

export type LessonQuizProps = {
  ctx: PageContext;
  quiz: LessonQuizData;
  /** A submit that came back (400): what was ticked and which questions lacked an answer. */
  retry?: { answers: Record<string, readonly string[]>; unanswered: readonly string[] } | undefined;
  /** A refusal to show above the questions (no attempts left, already passed). */
  error?: MessageKey | undefined;
};

function Result({ ctx, quiz }: { ctx: PageContext; quiz: LessonQuizData }) {
  const last = quiz.last;
  if (!last) return null;
  const wrong = quiz.questions.filter((q) => last.wrongQuestionIds.includes(q.id));
  return (
    <Alert kind={last.passed ? 'success' : 'info'}>
      <p>
        {ctx.t('courseQuizzes.student.result', {
          n: last.number,
          percent: last.scorePercent,
          right: last.correctCount,
          total: last.questionCount,
        })}{' '}
        {last.passed
          ? ctx.t('courseQuizzes.student.passed')
          : ctx.t('courseQuizzes.student.failed', { percent: quiz.passPercent })}
      </p>
      {wrong.length > 0 && (
        <>
          <p>{ctx.t('courseQuizzes.student.wrongList')}</p>
          <ul>
            {wrong.map((q) => (
              <li>{q.prompt}</li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}

/**
 * A lesson's quiz for the student: the rules, the latest result (score and
 * which questions were wrong; the right answers only once passed, so the
 * next attempt is not a copy), and the questions as a form while attempts
 * are left. Load it with `loadLessonQuiz`.
 */
export function LessonQuiz({ ctx, quiz, retry, error }: LessonQuizProps) {
  const canSubmit = quiz.enrolled && !quiz.passed && quiz.attemptsLeft !== 0;
  const lastWrong = new Set(quiz.last && !quiz.last.passed ? quiz.last.wrongQuestionIds : []);
  const unanswered = new Set(retry?.unanswered ?? []);
  const right = quiz.rightOptionIds;
  const questions = quiz.questions.map((q, i) => {
    const ticked = new Set(retry?.answers[q.id] ?? []);
    const name = answerField(q.id);
    const hintId = `quiz-${q.id}-hint`;
    const missing = unanswered.has(q.id);
    return (
      <fieldset
        class={missing ? 'field quiz-question invalid' : 'field quiz-question'}
        aria-describedby={hintId}
        disabled={!canSubmit}
      >
        <legend>
          {i + 1}. {q.prompt}
        </legend>
        <p class="hint" id={hintId}>
          {ctx.t(q.kind === 'single' ? 'courseQuizzes.student.single' : 'courseQuizzes.student.multiple')}
          {lastWrong.has(q.id) && ` · ${ctx.t('courseQuizzes.student.wrongMark')}`}
        </p>
        {q.options.map((o) => {
          const isRight = right?.[q.id]?.includes(o.id) ?? false;
          return (
            <label class="check">
              <input
                type={q.kind === 'single' ? 'radio' : 'checkbox'}
                name={name}
                value={o.id}
                checked={ticked.has(o.id) || isRight}
                required={q.kind === 'single' && canSubmit ? true : undefined}
              />{' '}
              {o.label}
              {isRight && <strong> ({ctx.t('courseQuizzes.student.rightAnswer')})</strong>}
            </label>
          );
        })}
        {missing && <p class="error">{ctx.t('courseQuizzes.student.unansweredMark')}</p>}
      </fieldset>
    );
  });
  return (
    <section class="lesson-quiz" id="quiz" aria-labelledby="quiz-title">
      <h2 id="quiz-title">{ctx.t('courseQuizzes.title')}</h2>
      <p>
        {ctx.t('courseQuizzes.student.rules', { percent: quiz.passPercent })}{' '}
        {quiz.required && ctx.t('courseQuizzes.student.required')}
      </p>
      {quiz.enrolled && !quiz.passed && (
        <p class="muted">
          {quiz.attemptsLeft === null
            ? ctx.t('courseQuizzes.student.unlimited')
            : ctx.t('courseQuizzes.student.attemptsLeft', { n: quiz.attemptsLeft, max: quiz.maxAttempts ?? 0 })}
        </p>
      )}
      {error && <Alert kind="error">{ctx.t(error)}</Alert>}
      {retry && <Alert kind="error">{ctx.t('courseQuizzes.student.unanswered')}</Alert>}
      <Result ctx={ctx} quiz={quiz} />
      {quiz.enrolled && !quiz.passed && quiz.attemptsLeft === 0 && (
        <p>{ctx.t('courseQuizzes.student.noAttemptsLeft')}</p>
      )}
      {!quiz.enrolled && <p class="muted">{ctx.t('courseQuizzes.student.notEnrolled')}</p>}
      {canSubmit ? (
        <Form ctx={ctx} action={quizSubmitPath(quiz.lessonId)}>
          {questions}
          <p class="actions">
            <button type="submit">{ctx.t('courseQuizzes.student.submit')}</button>
          </p>
        </Form>
      ) : (
        <div>{questions}</div>
      )}
    </section>
  );
}

/** The quiz on its own page: where a submit with a missing answer comes back, with a link to the lesson. */
export function QuizPage(props: LessonQuizProps & { lessonTitle: string; lessonHref: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={`${ctx.t('courseQuizzes.title')}: ${props.lessonTitle}`}>
      <p>
        <a href={props.lessonHref}>{ctx.t('courseQuizzes.student.back')}</a>
      </p>
      <h1>{props.lessonTitle}</h1>
      <LessonQuiz ctx={ctx} quiz={props.quiz} retry={props.retry} error={props.error} />
    </Layout>
  );
}
