import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { renderMarkdown } from '../../web/markdown.js';

/** A public legal page; a template the creator has not edited yet says so. */
export function LegalPage({
  ctx,
  title,
  markdown,
  template,
}: {
  ctx: PageContext;
  title: string;
  markdown: string;
  template: boolean;
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <article class="panel legal-page">
        <h1>{title}</h1>
        {template && <Alert kind="info">{ctx.t('legal.template.notice')}</Alert>}
        {/* Markdown without raw HTML, then allow-list sanitised. */}
        <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }} />
      </article>
    </Layout>
  );
}
