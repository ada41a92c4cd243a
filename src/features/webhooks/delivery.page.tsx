import type { WebhookDelivery, WebhookEndpoint } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { deliveryStatusLabel, eventLabel } from './admin-parts.js';

type Props = { ctx: PageContext; endpoint: WebhookEndpoint; delivery: WebhookDelivery; notice?: string | undefined };

/** One delivery: its state, its last answer, the exact body sent, and "Re-send". */
export function DeliveryPage({ ctx, endpoint, delivery, notice }: Props) {
  const when = (iso: string | null) => (iso ? formatDateTime(iso, ctx.locale, ctx.timeZone) : '–');
  let pretty = delivery.payload;
  try {
    pretty = JSON.stringify(JSON.parse(delivery.payload), null, 2);
  } catch {
    // shown as stored
  }
  return (
    <AdminLayout ctx={ctx} title={ctx.t('webhooks.delivery.title', { id: delivery.id })}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="actions">
        <a href={`/admin/webhooks/${endpoint.id}`}>← {endpoint.url}</a>
      </p>
      <dl class="meta">
        <dt>{ctx.t('webhooks.log.event')}</dt>
        <dd>
          {eventLabel(ctx, delivery.event_type)} <code>{delivery.event_type}</code>
        </dd>
        <dt>{ctx.t('webhooks.log.created')}</dt>
        <dd>{when(delivery.created_at)}</dd>
        <dt>{ctx.t('webhooks.log.status')}</dt>
        <dd>{deliveryStatusLabel(ctx, delivery.status)}</dd>
        <dt>{ctx.t('webhooks.log.attempts')}</dt>
        <dd>{Number(delivery.attempts)}</dd>
        <dt>{ctx.t('webhooks.delivery.lastAttempt')}</dt>
        <dd>{when(delivery.last_attempt_at)}</dd>
        <dt>{ctx.t('webhooks.log.last')}</dt>
        <dd>{delivery.last_status_code ?? delivery.last_error ?? '–'}</dd>
        <dt>{ctx.t('webhooks.log.next')}</dt>
        <dd>{delivery.status === 'pending' ? when(delivery.next_attempt_at) : '–'}</dd>
      </dl>
      {endpoint.status === 'active' && (
        <Form ctx={ctx} action={`/admin/webhooks/${endpoint.id}/deliveries/${delivery.id}/resend`}>
          <input type="hidden" name="attempts" value={String(Number(delivery.attempts))} />
          <button type="submit">{ctx.t('webhooks.delivery.resend')}</button>
        </Form>
      )}
      <h2>{ctx.t('webhooks.delivery.payload')}</h2>
      <pre>
        <code>{pretty}</code>
      </pre>
    </AdminLayout>
  );
}
