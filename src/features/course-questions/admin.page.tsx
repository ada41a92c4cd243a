import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { TextArea } from '../catalog/form-parts.js';
import { adminQuestionsPath, lessonQuestionsHref } from './paths.js';
import { ADMIN_ANSWERED_LIMIT, type AdminQuestion } from './queries.js';
import { ANSWER_MAX } from './question-input.js';
import { Answer, PlainText } from './text.js';

/** An answer that came back (400): to which question, what was typed. */
export type AnswerRetry = { questionId: string; typed: string; error: string };

export const questionActionPath = (id: string, action: 'answer' | 'hide' | 'unhide' | 'delete') =>
  `${adminQuestionsPath}/${id}/${action}`;

function QuestionItem({ ctx, q, retry }: { ctx: PageContext; q: AdminQuestion; retry: AnswerRetry | undefined }) {
  const when = (iso: string) => formatDateTime(iso, ctx.locale, ctx.timeZone);
  const mine = retry?.questionId === q.id ? retry : undefined;
  const hidden = q.status === 'hidden';
  return (
    <li class="admin-question" id={`question-${q.id}`}>
      <h3>
        {ctx.t('courseQuestions.admin.where', { course: q.course_title, lesson: q.lesson_title })}{' '}
        {q.answered_at === null && !hidden && (
          <span class="badge pending">{ctx.t('courseQuestions.admin.openMark')}</span>
        )}{' '}
        {hidden && <span class="badge">{ctx.t('courseQuestions.admin.hiddenMark')}</span>}
      </h3>
      <p class="muted small">
        {ctx.t('courseQuestions.admin.from', {
          name: q.student_name.trim() || ctx.t('courseQuestions.student.anonymous'),
          email: q.email,
          date: when(q.created_at),
        })}{' '}
        · <a href={lessonQuestionsHref(q.course_slug, q.lesson_slug)}>{ctx.t('courseQuestions.admin.view')}</a>
      </p>
      <p>
        <PlainText text={q.body} />
      </p>
      {q.answers.map((a) => (
        <Answer ctx={ctx} answer={a} />
      ))}
      <Form ctx={ctx} action={questionActionPath(q.id, 'answer')} idPrefix={`answer-${q.id}`}>
        <TextArea
          name="body"
          rows={4}
          required
          label={ctx.t('courseQuestions.admin.answer')}
          value={mine?.typed ?? ''}
          maxLength={ANSWER_MAX}
          error={mine?.error}
        />
        <p class="actions">
          <button type="submit">{ctx.t('courseQuestions.admin.submitAnswer')}</button>
        </p>
      </Form>
      <div class="actions">
        <Form ctx={ctx} action={questionActionPath(q.id, hidden ? 'unhide' : 'hide')} class="inline-form">
          <button type="submit" class="secondary">
            {ctx.t(hidden ? 'courseQuestions.admin.unhide' : 'courseQuestions.admin.hide')}
          </button>
        </Form>
        <Form ctx={ctx} action={questionActionPath(q.id, 'delete')} class="inline-form">
          <button type="submit" class="danger">
            {ctx.t('courseQuestions.admin.delete')}
          </button>
        </Form>
      </div>
    </li>
  );
}

/** The creator's questions: the unanswered count, open questions first, each with answer and moderation forms. */
export function AdminQuestionsPage({
  ctx,
  open,
  rest,
  more,
  notice,
  retry,
}: {
  ctx: PageContext;
  open: readonly AdminQuestion[];
  rest: readonly AdminQuestion[];
  more: boolean;
  notice?: string | undefined;
  retry?: AnswerRetry | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('courseQuestions.admin.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {retry && <Alert kind="error">{retry.error}</Alert>}
      <p>{ctx.t('courseQuestions.admin.intro')}</p>
      <p>
        <strong>{ctx.t('courseQuestions.admin.open', { n: open.length })}</strong>
      </p>
      {open.length + rest.length === 0 ? (
        <p class="empty">{ctx.t('courseQuestions.admin.empty')}</p>
      ) : (
        <ol class="admin-question-list">
          {[...open, ...rest].map((q) => (
            <QuestionItem ctx={ctx} q={q} retry={retry} />
          ))}
        </ol>
      )}
      {more && <p class="muted">{ctx.t('courseQuestions.admin.limit', { n: ADMIN_ANSWERED_LIMIT })}</p>}
    </AdminLayout>
  );
}
