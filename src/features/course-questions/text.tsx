import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import type { ShownAnswer } from './queries.js';

/** Plain text as typed: escaped by preact, its line breaks kept as <br>. */
export function PlainText({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) parts.push(<br />);
    parts.push(line);
  });
  return <>{parts}</>;
}

/** The creator's answer under a question, as students and the admin page show it. */
export function Answer({ ctx, answer }: { ctx: PageContext; answer: ShownAnswer }) {
  const date = formatDateTime(answer.created_at, ctx.locale, ctx.timeZone);
  return (
    <div class="lesson-question-answer">
      <p class="muted small">
        {ctx.t('courseQuestions.student.answered', { name: ctx.t('courseQuestions.student.creator'), date })}
      </p>
      <p>
        <PlainText text={answer.body} />
      </p>
    </div>
  );
}
