import { Alert, Field, Form, Select, useFieldId } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { MessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { LessonQuizAdminData } from './queries.js';
import {
  emptyQuestionForm,
  type QuestionErrors,
  type QuestionForm,
  type QuizSettingsErrors,
  type QuizSettingsForm,
  questionFormOf,
  settingsFormOf,
} from './quiz-input.js';

/** The admin's quiz pages live under the lesson editor's address. */
export const quizAdminPath = (productId: string, lessonId: string) =>
  `/admin/courses/${productId}/lessons/${lessonId}/quiz`;

/** A form that came back with errors: the one to show as typed, with its messages. */
export type QuizAdminState = {
  notice?: MessageKey | undefined;
  settings?: { form: QuizSettingsForm; errors: QuizSettingsErrors };
  /** `questionId` null: the new-question form. */
  question?: { questionId: string | null; form: QuestionForm; errors: QuestionErrors };
};

export type LessonQuizAdminProps = { ctx: PageContext; quiz: LessonQuizAdminData; state?: QuizAdminState | undefined };

const errorText = (ctx: PageContext, key: MessageKey | undefined) => (key ? ctx.t(key) : undefined);

function OptionRow({ ctx, n, label, right }: { ctx: PageContext; n: number; label: string; right: boolean }) {
  const textId = useFieldId(`option-${n}`);
  const rightId = useFieldId(`correct-${n}`);
  return (
    <div class="input-row">
      <label class="visually-hidden" for={textId}>
        {ctx.t('courseQuizzes.admin.option', { n: n + 1 })}
      </label>
      <input id={textId} name="option" type="text" value={label} maxLength={500} />
      <label class="check" for={rightId}>
        <input id={rightId} type="checkbox" name="correct" value={String(n)} checked={right} />{' '}
        {ctx.t('courseQuizzes.admin.right')}
      </label>
    </div>
  );
}

function QuestionFields({ ctx, form, errors }: { ctx: PageContext; form: QuestionForm; errors?: QuestionErrors }) {
  const ticked = new Set(form.correct);
  const optionsError = errorText(ctx, errors?.options) ?? errorText(ctx, errors?.correct);
  return (
    <>
      <Field
        name="prompt"
        label={ctx.t('courseQuizzes.admin.prompt')}
        value={form.prompt}
        error={errorText(ctx, errors?.prompt)}
        required
      />
      <Select
        name="kind"
        label={ctx.t('courseQuizzes.admin.kind')}
        value={form.kind}
        options={(['single', 'multiple'] as const).map((k) => ({
          value: k,
          label: ctx.t(`courseQuizzes.admin.kind.${k}`),
        }))}
      />
      {errors?.kind && <p class="error">{ctx.t(errors.kind)}</p>}
      <fieldset class={optionsError ? 'field invalid' : 'field'}>
        <legend>{ctx.t('courseQuizzes.admin.options')}</legend>
        {form.options.map((label, n) => (
          <OptionRow ctx={ctx} n={n} label={label} right={ticked.has(String(n))} />
        ))}
        {optionsError && <p class="error">{optionsError}</p>}
      </fieldset>
    </>
  );
}

/**
 * The quiz editor of one lesson: settings (pass mark, attempt limit,
 * required), the questions with their answers, a form for a new question.
 * Rendered inside the lesson editor and on its own page (`QuizAdminPage`),
 * where a form with errors comes back. Every form posts to this feature's routes.
 */
export function LessonQuizAdmin({ ctx, quiz, state }: LessonQuizAdminProps) {
  const base = quizAdminPath(quiz.productId, quiz.lessonId);
  const settings =
    state?.settings ?? ({ form: settingsFormOf(quiz.quiz), errors: {} } satisfies QuizAdminState['settings'] & object);
  const editing = state?.question;
  const newForm = editing && editing.questionId === null ? editing : { form: emptyQuestionForm(), errors: {} };
  return (
    <section class="lesson-quiz-admin" id="quiz" aria-labelledby="quiz-admin-title">
      <h2 id="quiz-admin-title">{ctx.t('courseQuizzes.title')}</h2>
      {state?.notice && <Alert kind="success">{ctx.t(state.notice)}</Alert>}
      {(editing || state?.settings) && <Alert kind="error">{ctx.t('courseQuizzes.error.form')}</Alert>}
      <p class="hint">{ctx.t('courseQuizzes.admin.intro')}</p>
      <h3>{ctx.t('courseQuizzes.admin.settings')}</h3>
      <Form ctx={ctx} action={base} idPrefix="quiz-settings">
        <Field
          name="passPercent"
          type="number"
          label={ctx.t('courseQuizzes.admin.passPercent')}
          hint={ctx.t('courseQuizzes.admin.passPercentHint')}
          value={settings.form.passPercent}
          error={errorText(ctx, settings.errors.passPercent)}
          required
        />
        <Field
          name="maxAttempts"
          type="number"
          label={ctx.t('courseQuizzes.admin.maxAttempts')}
          hint={ctx.t('courseQuizzes.admin.maxAttemptsHint')}
          value={settings.form.maxAttempts}
          error={errorText(ctx, settings.errors.maxAttempts)}
        />
        <label class="check">
          <input type="checkbox" name="required" value="1" checked={settings.form.required !== ''} />{' '}
          {ctx.t('courseQuizzes.admin.required')}
        </label>
        <p class="actions">
          <button type="submit">{ctx.t('courseQuizzes.admin.saveSettings')}</button>
        </p>
      </Form>
      {quiz.quiz && quiz.quiz.attemptCount > 0 && (
        <p class="muted">{ctx.t('courseQuizzes.admin.attempts', { n: quiz.quiz.attemptCount })}</p>
      )}

      <h3>{ctx.t('courseQuizzes.admin.questions')}</h3>
      {quiz.questions.length === 0 && <p class="empty">{ctx.t('courseQuizzes.admin.noQuestions')}</p>}
      {quiz.questions.map((q, i) => {
        const mine = editing?.questionId === q.id ? editing : undefined;
        const qBase = `${base}/questions/${q.id}`;
        return (
          <article class="card quiz-question" id={`question-${q.id}`}>
            <h4>{ctx.t('courseQuizzes.admin.question', { n: i + 1 })}</h4>
            <Form ctx={ctx} action={qBase} idPrefix={`q${i + 1}`}>
              <QuestionFields ctx={ctx} form={mine?.form ?? questionFormOf(q)} errors={mine?.errors} />
              <p class="actions">
                <button type="submit">{ctx.t('courseQuizzes.admin.saveQuestion')}</button>
              </p>
            </Form>
            <div class="inline-action">
              {i > 0 && (
                <Form ctx={ctx} action={`${qBase}/move`} class="inline-form">
                  <input type="hidden" name="direction" value="up" />
                  <button type="submit" class="secondary">
                    {ctx.t('courseQuizzes.admin.up')}
                  </button>
                </Form>
              )}
              {i < quiz.questions.length - 1 && (
                <Form ctx={ctx} action={`${qBase}/move`} class="inline-form">
                  <input type="hidden" name="direction" value="down" />
                  <button type="submit" class="secondary">
                    {ctx.t('courseQuizzes.admin.down')}
                  </button>
                </Form>
              )}
              <Form ctx={ctx} action={`${qBase}/delete`} class="inline-form">
                <button type="submit" class="danger">
                  {ctx.t('courseQuizzes.admin.delete')}
                </button>
              </Form>
            </div>
          </article>
        );
      })}

      <h3>{ctx.t('courseQuizzes.admin.newQuestion')}</h3>
      <Form ctx={ctx} action={`${base}/questions`} idPrefix="quiz-new">
        <QuestionFields ctx={ctx} form={newForm.form} errors={newForm.errors} />
        <p class="actions">
          <button type="submit">{ctx.t('courseQuizzes.admin.addQuestion')}</button>
        </p>
      </Form>
    </section>
  );
}

/** The quiz editor on its own admin page: where saving leads and where a form with errors comes back (400). */
export function QuizAdminPage({ ctx, quiz, state }: LessonQuizAdminProps) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('courseQuizzes.admin.title', { lesson: quiz.lessonTitle })}>
      <p>
        <a href={`/admin/courses/${quiz.productId}/lessons/${quiz.lessonId}`}>{ctx.t('courseQuizzes.admin.back')}</a>
      </p>
      <LessonQuizAdmin ctx={ctx} quiz={quiz} state={state} />
    </AdminLayout>
  );
}
