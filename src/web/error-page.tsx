import type { PageContext } from './context.js';
import { CardLayout } from './layout.js';
import type { MessageKey } from './messages.js';

const TEXTS: Record<number, { title: MessageKey; text?: MessageKey }> = {
  400: { title: 'error.400.title' },
  403: { title: 'error.403.title', text: 'error.403.text' },
  404: { title: 'error.404.title', text: 'error.404.text' },
  429: { title: 'error.429.title', text: 'error.429.text' },
  500: { title: 'error.500.title', text: 'error.500.text' },
};

export function ErrorPage({ ctx, status, detail }: { ctx: PageContext; status: number; detail?: string | undefined }) {
  const texts = TEXTS[status] ?? (status >= 500 ? TEXTS[500]! : TEXTS[400]!);
  return (
    <CardLayout ctx={ctx} title={ctx.t(texts.title)}>
      <div class="logo-mark" aria-hidden="true">
        {status}
      </div>
      <h1>{ctx.t(texts.title)}</h1>
      {texts.text && <p class="muted">{ctx.t(texts.text)}</p>}
      {detail && <p>{detail}</p>}
      <p class="actions">
        <a class="btn" href="/">
          {ctx.t('error.home')}
        </a>
      </p>
    </CardLayout>
  );
}
