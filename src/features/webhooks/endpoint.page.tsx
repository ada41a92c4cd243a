import type { WebhookEndpoint } from '../../db/schema.js';
import { Alert, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { deliveryStatusLabel, EndpointForm, eventLabel } from './admin-parts.js';
import type { EndpointFormValues } from './endpoint-input.js';
import type { listDeliveries } from './endpoints.js';

type Props = {
  ctx: PageContext;
  endpoint: WebhookEndpoint;
  values: EndpointFormValues;
  errors: FieldErrors;
  deliveries: Awaited<ReturnType<typeof listDeliveries>>;
  page: number;
  hasOlder: boolean;
  notice?: string | undefined;
};

/** One endpoint: its settings and secret, what can be done with it, and its delivery log. */
export function EndpointPage({ ctx, endpoint, values, errors, deliveries, page, hasOlder, notice }: Props) {
  const when = (iso: string | null) => (iso ? formatDateTime(iso, ctx.locale, ctx.timeZone) : '–');
  const base = `/admin/webhooks/${endpoint.id}`;
  return (
    <AdminLayout ctx={ctx} title={endpoint.url}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="actions">
        <a href="/admin/webhooks">← {ctx.t('webhooks.back')}</a>
      </p>
      <dl class="meta">
        <dt>{ctx.t('webhooks.col.status')}</dt>
        <dd>
          {ctx.t(`webhooks.status.${endpoint.status}`)}
          {endpoint.disabled_reason === 'failing' && ` — ${ctx.t('webhooks.disabledReason.failing')}`}
        </dd>
        <dt>{ctx.t('webhooks.col.failures')}</dt>
        <dd>{Number(endpoint.consecutive_failures)}</dd>
        <dt>{ctx.t('webhooks.secret')}</dt>
        <dd>
          <code>{endpoint.secret}</code>
          <p class="hint">{ctx.t('webhooks.secretHint')}</p>
        </dd>
      </dl>
      <div class="inline-action">
        {endpoint.status === 'active' ? (
          <Form ctx={ctx} action={`${base}/test`} class="inline">
            <button type="submit">{ctx.t('webhooks.sendTest')}</button>
          </Form>
        ) : (
          <Form ctx={ctx} action={`${base}/enable`} class="inline">
            <button type="submit">{ctx.t('webhooks.enable')}</button>
          </Form>
        )}
        <Form ctx={ctx} action={`${base}/rotate`} class="inline">
          <button type="submit" class="secondary">
            {ctx.t('webhooks.rotate')}
          </button>
        </Form>
        <Form ctx={ctx} action={`${base}/delete`} class="inline">
          <button type="submit" class="danger">
            {ctx.t('webhooks.delete')}
          </button>
        </Form>
      </div>
      <h2>{ctx.t('webhooks.editTitle')}</h2>
      <EndpointForm
        ctx={ctx}
        action={base}
        values={values}
        errors={errors}
        submit={ctx.t('webhooks.save')}
        idPrefix="edit"
      />
      <h2>{ctx.t('webhooks.log.title')}</h2>
      {deliveries.length === 0 ? (
        <p class="empty">{ctx.t('webhooks.log.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('webhooks.log.event')}</th>
                <th scope="col">{ctx.t('webhooks.log.created')}</th>
                <th scope="col">{ctx.t('webhooks.log.status')}</th>
                <th scope="col">{ctx.t('webhooks.log.attempts')}</th>
                <th scope="col">{ctx.t('webhooks.log.last')}</th>
                <th scope="col">{ctx.t('webhooks.log.next')}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr>
                  <td>
                    <a href={`${base}/deliveries/${d.id}`}>{eventLabel(ctx, d.event_type)}</a>
                  </td>
                  <td>{when(d.created_at)}</td>
                  <td>{deliveryStatusLabel(ctx, d.status)}</td>
                  <td>{Number(d.attempts)}</td>
                  <td>{d.last_status_code ?? d.last_error ?? '–'}</td>
                  <td>{d.status === 'pending' ? when(d.next_attempt_at) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={ctx.t('webhooks.log.title')}>
        {page > 1 && <a href={`${base}?page=${page - 1}`}>← {ctx.t('webhooks.log.newer')}</a>}
        {hasOlder && <a href={`${base}?page=${page + 1}`}>{ctx.t('webhooks.log.older')} →</a>}
      </nav>
    </AdminLayout>
  );
}
