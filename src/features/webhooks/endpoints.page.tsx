import type { WebhookEndpoint } from '../../db/schema.js';
import { Alert, type FieldErrors } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { EndpointForm, eventLabel } from './admin-parts.js';
import type { EndpointFormValues } from './endpoint-input.js';

type Props = {
  ctx: PageContext;
  endpoints: WebhookEndpoint[];
  values: EndpointFormValues;
  errors: FieldErrors;
  notice?: string | undefined;
};

/** Every endpoint with its state, and the form to add one. */
export function EndpointsPage({ ctx, endpoints, values, errors, notice }: Props) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('webhooks.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="muted">{ctx.t('webhooks.intro')}</p>
      {endpoints.length === 0 ? (
        <p class="empty">{ctx.t('webhooks.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('webhooks.col.url')}</th>
                <th scope="col">{ctx.t('webhooks.col.status')}</th>
                <th scope="col">{ctx.t('webhooks.col.events')}</th>
                <th scope="col">{ctx.t('webhooks.col.failures')}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr>
                  <td>
                    <a href={`/admin/webhooks/${e.id}`}>{e.url}</a>
                    {e.description && <div class="muted">{e.description}</div>}
                  </td>
                  <td>{ctx.t(`webhooks.status.${e.status}`)}</td>
                  <td>{(JSON.parse(e.event_types) as string[]).map((type) => eventLabel(ctx, type)).join(', ')}</td>
                  <td>{Number(e.consecutive_failures)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{ctx.t('webhooks.addTitle')}</h2>
      <EndpointForm
        ctx={ctx}
        action="/admin/webhooks"
        values={values}
        errors={errors}
        submit={ctx.t('webhooks.add')}
        idPrefix="new"
      />
    </AdminLayout>
  );
}
