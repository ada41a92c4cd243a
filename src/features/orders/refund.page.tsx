import { randomUUID } from 'node:crypto';
import type { Order } from '../../db/schema.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { providerLabel } from '../payments/provider-label.js';
import { money } from './parts.js';

export type RefundPageProps = {
  ctx: PageContext;
  order: Order;
  /** The full refund's confirmation was missing. */
  error?: string | undefined;
  /** The partial refund form as submitted, with its errors. */
  partial?: { amount: string; amountError?: string | undefined; confirmError?: string | undefined } | undefined;
};

function ConfirmBox({ name, label, error }: { name: string; label: string; error: string | undefined }) {
  const errId = `${name}-err`;
  return (
    <div class={error ? 'confirm-box invalid' : 'confirm-box'}>
      <label class="check">
        <input
          type="checkbox"
          name="confirm"
          value="yes"
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errId : undefined}
        />
        <span>{label}</span>
      </label>
      {error && (
        <p class="error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The refund step: the whole remaining amount (access ends), or part of it
 * (access stays), each behind its own confirmation. Each rendering carries
 * fresh request ids, so a form sent twice refunds once.
 */
export function RefundPage({ ctx, order, error, partial }: RefundPageProps) {
  const t = ctx.t;
  const remainingMinor = order.total_minor - order.refunded_minor;
  const remaining = money(ctx, remainingMinor, order.currency);
  const back = `/admin/orders/${order.id}`;
  const action = `/admin/orders/${order.id}/refund`;
  return (
    <AdminLayout ctx={ctx} title={t('orders.refund.title', { number: order.number })}>
      <p>
        <a href={back}>{t('orders.refund.back', { number: order.number })}</a>
      </p>
      {order.status !== 'paid' ? (
        <Alert kind="info">{t('orders.refund.notPaid', { status: t(`orders.status.${order.status}`) })}</Alert>
      ) : order.provider === 'import' ? (
        <Alert kind="info">{t('orders.detail.imported')}</Alert>
      ) : (
        <>
          <Form ctx={ctx} action={action} class="panel danger-zone">
            <input type="hidden" name="requestId" value={randomUUID()} />
            <p>
              {order.refunded_minor > 0
                ? t('orders.refund.introRemaining', {
                    amount: remaining,
                    refunded: money(ctx, order.refunded_minor, order.currency),
                    email: order.email,
                    provider: providerLabel(t, order.provider),
                  })
                : t('orders.refund.intro', {
                    amount: remaining,
                    email: order.email,
                    provider: providerLabel(t, order.provider),
                  })}
            </p>
            <Alert kind="error">{t('orders.refund.warning')}</Alert>
            <ConfirmBox name="f-confirm" label={t('orders.refund.confirm')} error={error} />
            <div class="actions">
              <button type="submit" class="danger">
                {t('orders.refund.submit', { amount: remaining })}
              </button>
              <a href={back}>{t('orders.refund.cancel')}</a>
            </div>
          </Form>
          {remainingMinor > 1 && order.provider !== 'free' && (
            <Form ctx={ctx} action={action} class="panel">
              <h2>{t('orders.refund.partial.title')}</h2>
              <p class="muted">{t('orders.refund.partial.intro', { amount: remaining })}</p>
              <input type="hidden" name="requestId" value={randomUUID()} />
              <Field
                name="amount"
                label={t('orders.refund.partial.amount', { currency: order.currency })}
                value={partial?.amount ?? ''}
                error={partial?.amountError}
                inputmode="decimal"
                autocomplete="off"
                required
              />
              <ConfirmBox
                name="f-partial-confirm"
                label={t('orders.refund.partial.confirm')}
                error={partial?.confirmError}
              />
              <div class="actions">
                <button type="submit" class="secondary">
                  {t('orders.refund.partial.submit')}
                </button>
              </div>
            </Form>
          )}
        </>
      )}
    </AdminLayout>
  );
}
