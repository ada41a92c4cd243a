import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import { TextArea } from '../catalog/form-parts.js';
import { adminQuestionsPath, askPath, deleteOwnPath } from './paths.js';
import type { ShownQuestion } from './queries.js';
import { QUESTION_MAX } from './question-input.js';
import { Answer, PlainText } from './text.js';

export type LessonQuestionsProps = {
  ctx: PageContext;
  lessonId: string;
  questions: readonly ShownQuestion[];
  /** More questions exist than are shown. */
  more: boolean;
  /** The student's enrolment (may ask, may delete their own); null: the admin's preview (reads only). */
  enrolmentId: string | null;
  /** A refused question, shown again with its text. */
  retry?: { typed: string; error: string } | undefined;
};

function Question({ ctx, q, own, lessonId }: { ctx: PageContext; q: ShownQuestion; own: boolean; lessonId: string }) {
  const when = (iso: string) => formatDateTime(iso, ctx.locale, ctx.timeZone);
  const name = q.author_name ?? ctx.t('courseQuestions.student.anonymous');
  return (
    <li class="lesson-question" id={`question-${q.id}`}>
      <p class="muted small">
        {ctx.t('courseQuestions.student.asked', { name, date: when(q.created_at) })}
        {own && ` · ${ctx.t('courseQuestions.student.yours')}`}
      </p>
      <p>
        <PlainText text={q.body} />
      </p>
      {q.answers.length === 0 ? (
        <p class="muted">{ctx.t('courseQuestions.student.waiting')}</p>
      ) : (
        q.answers.map((a) => <Answer ctx={ctx} answer={a} />)
      )}
      {own && (
        <Form ctx={ctx} action={deleteOwnPath(lessonId, q.id)} class="inline-form">
          <button type="submit" class="secondary">
            {ctx.t('courseQuestions.student.delete')}
          </button>
        </Form>
      )}
    </li>
  );
}

/**
 * The questions part of a lesson page: the form to ask (students only) and
 * the visible questions, newest first, with the creator's answers. Texts
 * are plain (escaped, line breaks kept).
 */
export function LessonQuestions({ ctx, lessonId, questions, more, enrolmentId, retry }: LessonQuestionsProps) {
  return (
    <section class="lesson-questions" id="questions" aria-labelledby="questions-title">
      <h2 id="questions-title">{ctx.t('courseQuestions.title')}</h2>
      {enrolmentId ? (
        <>
          <p>{ctx.t('courseQuestions.student.intro')}</p>
          {retry && <Alert kind="error">{retry.error}</Alert>}
          <Form ctx={ctx} action={askPath(lessonId)} idPrefix="question">
            <TextArea
              name="body"
              rows={4}
              required
              label={ctx.t('courseQuestions.student.ask')}
              value={retry?.typed ?? ''}
              maxLength={QUESTION_MAX}
              hint={ctx.t('courseQuestions.student.askHint', { max: QUESTION_MAX })}
              error={retry?.error}
            />
            <p class="actions">
              <button type="submit">{ctx.t('courseQuestions.student.submit')}</button>
            </p>
          </Form>
        </>
      ) : (
        <p class="muted">
          {ctx.t('courseQuestions.student.previewNote')}{' '}
          <a href={adminQuestionsPath}>{ctx.t('courseQuestions.student.manage')}</a>
        </p>
      )}
      {questions.length === 0 ? (
        <p class="empty">{ctx.t('courseQuestions.student.empty')}</p>
      ) : (
        <ol class="lesson-question-list">
          {questions.map((q) => (
            <Question
              ctx={ctx}
              q={q}
              own={enrolmentId !== null && q.enrolment_id === enrolmentId}
              lessonId={lessonId}
            />
          ))}
        </ol>
      )}
      {more && <p class="muted">{ctx.t('courseQuestions.student.more', { n: questions.length })}</p>}
    </section>
  );
}

/** The questions on their own page: where a refused question comes back (400), with a link to the lesson. */
export function QuestionsPage(props: LessonQuestionsProps & { lessonTitle: string; lessonHref: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={`${ctx.t('courseQuestions.title')}: ${props.lessonTitle}`}>
      <p>
        <a href={props.lessonHref}>{ctx.t('courseQuestions.student.back')}</a>
      </p>
      <h1>{props.lessonTitle}</h1>
      <LessonQuestions {...props} />
    </Layout>
  );
}
