import type { Order } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { money } from './parts.js';

/** The confirmation step before a refund: what happens, and a box to tick. */
export function RefundPage({ ctx, order, error }: { ctx: PageContext; order: Order; error?: string | undefined }) {
  const t = ctx.t;
  const amount = money(ctx, order.total_minor, order.currency);
  const back = `/admin/orders/${order.id}`;
  return (
    <AdminLayout ctx={ctx} title={t('orders.refund.title', { number: order.number })}>
      <p>
        <a href={back}>{t('orders.refund.back', { number: order.number })}</a>
      </p>
      {order.status !== 'paid' ? (
        <Alert kind="info">{t('orders.refund.notPaid', { status: t(`orders.status.${order.status}`) })}</Alert>
      ) : (
        <Form ctx={ctx} action={`/admin/orders/${order.id}/refund`} class="panel danger-zone">
          <p>{t('orders.refund.intro', { amount, email: order.email, provider: order.provider })}</p>
          <Alert kind="error">{t('orders.refund.warning')}</Alert>
          <div class={error ? 'confirm-box invalid' : 'confirm-box'}>
            <label class="check">
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                required
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? 'f-confirm-err' : undefined}
              />
              <span>{t('orders.refund.confirm')}</span>
            </label>
            {error && (
              <p class="error" id="f-confirm-err">
                {error}
              </p>
            )}
          </div>
          <div class="actions">
            <button type="submit" class="danger">
              {t('orders.refund.submit', { amount })}
            </button>
            <a href={back}>{t('orders.refund.cancel')}</a>
          </div>
        </Form>
      )}
    </AdminLayout>
  );
}
