import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { ReferenceField, ReferenceOperation } from './reference.js';

type Props = { ctx: PageContext; title: string; operations: readonly ReferenceOperation[] };

function FieldTable({
  ctx,
  fields,
  caption,
}: {
  ctx: PageContext;
  fields: readonly ReferenceField[];
  caption: string;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{ctx.t('api.docs.field')}</th>
          <th scope="col">{ctx.t('api.docs.type')}</th>
          <th scope="col">{ctx.t('api.docs.required')}</th>
          <th scope="col">{ctx.t('api.docs.description')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr>
            <td>
              <code>{f.name}</code>
            </td>
            <td>
              <code>{f.type}</code>
            </td>
            <td>{f.required ? ctx.t('api.docs.yes') : ''}</td>
            <td>{f.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Operation({ ctx, op }: { ctx: PageContext; op: ReferenceOperation }) {
  return (
    <section class="panel" aria-labelledby={op.id}>
      <h3 id={op.id}>
        <code>
          {op.method} {op.path}
        </code>
      </h3>
      <p>{op.summary}</p>
      {op.description && <p class="muted">{op.description}</p>}
      <p>
        {ctx.t('api.docs.scopes')}{' '}
        {op.scopes.length ? op.scopes.map((s) => <code>{s}</code>) : ctx.t('api.docs.noScope')}
      </p>
      {op.parameters.length > 0 ? (
        <FieldTable ctx={ctx} fields={op.parameters} caption={ctx.t('api.docs.parameters')} />
      ) : (
        <p class="muted">{ctx.t('api.docs.noParameters')}</p>
      )}
      <FieldTable
        ctx={ctx}
        fields={op.fields}
        caption={ctx.t(op.answer === 'page' ? 'api.docs.answer.page' : 'api.docs.answer.object')}
      />
    </section>
  );
}

/** The API reference, rendered on the server from the OpenAPI document (no script, nothing from elsewhere). */
export function ApiReferencePage({ ctx, title, operations }: Props) {
  const tags = [...new Set(operations.map((o) => o.tag))];
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{ctx.t('api.docs.intro')}</p>
      <p>{ctx.t('api.docs.auth')}</p>
      <p>
        <a href="/api/v1/openapi.json">{ctx.t('api.docs.document')}</a>
      </p>
      <nav aria-label={ctx.t('api.docs.contents')}>
        <ul>
          {operations.map((op) => (
            <li>
              <a href={`#${op.id}`}>
                <code>
                  {op.method} {op.path}
                </code>
              </a>{' '}
              {op.summary}
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section aria-labelledby={`tag-${tag.replace(/\W+/g, '-')}`}>
          <h2 id={`tag-${tag.replace(/\W+/g, '-')}`}>{tag}</h2>
          {operations
            .filter((o) => o.tag === tag)
            .map((op) => (
              <Operation ctx={ctx} op={op} />
            ))}
        </section>
      ))}
    </Layout>
  );
}
