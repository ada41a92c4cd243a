import type { Order } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { isLocale } from '../../web/i18n.js';
import type { MessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { StatusBadge } from '../email/outbox.page.js';
import type { DeliveryRow, OrderDetail } from './order-detail.js';
import { DateTime, money } from './parts.js';
import { CardEvidenceItem, PaymentPanel } from './payment-panel.js';
import { TaxPanel } from './tax-panel.js';
import type { TimelineEntry } from './timeline.js';
import { factText } from './timeline-facts.js';

export type OrderDetailView = {
  detail: OrderDetail;
  notice?: string | undefined;
  error?: string | undefined;
};

const EVENT_LABELS: Record<string, MessageKey> = {
  created: 'orders.event.created',
  payment_started: 'orders.event.payment_started',
  paid: 'orders.event.paid',
  payment_failed: 'orders.event.payment_failed',
  expired: 'orders.event.expired',
  delivered: 'orders.event.delivered',
  email_queued: 'orders.event.email_queued',
  download: 'orders.event.download',
  link_resent: 'orders.event.link_resent',
  receipt_resent: 'orders.event.receipt_resent',
  refunded: 'orders.event.refunded',
  access_revoked: 'orders.event.access_revoked',
  partially_refunded: 'orders.event.partially_refunded',
  disputed: 'orders.event.disputed',
  dispute_updated: 'orders.event.dispute_updated',
  dispute_won: 'orders.event.dispute_won',
  dispute_lost: 'orders.event.dispute_lost',
  access_restored: 'orders.event.access_restored',
  withdrawn: 'orders.event.withdrawn',
  tax_changed: 'orders.event.tax_changed',
};

function CustomerPanel({ ctx, order }: { ctx: PageContext; order: Order }) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-customer">
      <h2 id="h-customer">{t('orders.detail.customer')}</h2>
      <dl class="meta">
        <dt>{t('orders.detail.name')}</dt>
        <dd>{order.name || '–'}</dd>
        <dt>{t('orders.detail.email')}</dt>
        <dd>{order.email}</dd>
        <dt>{t('orders.detail.language')}</dt>
        <dd>{isLocale(order.locale) ? t(`shell.lang.${order.locale}`) : order.locale}</dd>
      </dl>
      <p>
        <a href={`/admin/customers/${order.customer_id}`}>{t('orders.detail.viewCustomer')}</a>
      </p>
    </section>
  );
}

function ItemsTable({ ctx, detail }: { ctx: PageContext; detail: OrderDetail }) {
  const t = ctx.t;
  const { order } = detail;
  const m = (minor: number) => money(ctx, minor, order.currency);
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('orders.detail.product')}</th>
            <th scope="col" class="num">
              {t('orders.detail.unitPrice')}
            </th>
            <th scope="col" class="num">
              {t('orders.detail.quantity')}
            </th>
            <th scope="col" class="num">
              {t('orders.detail.discount')}
            </th>
            <th scope="col" class="num">
              {t('orders.detail.lineTotal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.items.map((i) => (
            <tr>
              <th scope="row">{i.title}</th>
              <td class="num">{m(i.unit_price_minor)}</td>
              <td class="num">{i.quantity}</td>
              <td class="num">{i.discount_minor > 0 ? `−${m(i.discount_minor)}` : '–'}</td>
              <td class="num">{m(i.total_minor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {t('orders.detail.subtotal')}
            </th>
            <td class="num">{m(order.subtotal_minor)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4}>
              {t('orders.detail.discount')}
            </th>
            <td class="num">{order.discount_minor > 0 ? `−${m(order.discount_minor)}` : m(0)}</td>
          </tr>
          <tr class="total">
            <th scope="row" colSpan={4}>
              {t('orders.detail.total')}
            </th>
            <td class="num">{m(order.total_minor)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4}>
              {t('orders.detail.refunded')}
            </th>
            <td class="num">{m(order.refunded_minor)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function downloadsText(ctx: PageContext, d: DeliveryRow): string {
  return d.download_limit === null
    ? ctx.t('orders.detail.downloadsUnlimited', { count: d.download_count })
    : ctx.t('orders.detail.downloadsOf', { count: d.download_count, limit: d.download_limit });
}

function DeliveriesTable({ ctx, deliveries }: { ctx: PageContext; deliveries: DeliveryRow[] }) {
  const t = ctx.t;
  if (deliveries.length === 0) return <p class="muted">{t('orders.detail.noDeliveries')}</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('orders.detail.product')}</th>
            <th scope="col">{t('orders.detail.downloads')}</th>
            <th scope="col">{t('orders.detail.deliveredAt')}</th>
            <th scope="col">{t('orders.detail.access')}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr>
              <th scope="row">{d.product_title ?? '–'}</th>
              <td>{downloadsText(ctx, d)}</td>
              <td>
                <DateTime ctx={ctx} iso={d.created_at} />
              </td>
              <td>
                {d.revoked_at ? (
                  <>
                    <span class="badge failed">{t('orders.detail.accessRevoked')}</span>{' '}
                    <DateTime ctx={ctx} iso={d.revoked_at} />
                  </>
                ) : (
                  <span class="badge paid">{t('orders.detail.accessActive')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TimelineItem({ ctx, entry, currency }: { ctx: PageContext; entry: TimelineEntry; currency: string }) {
  const label = EVENT_LABELS[entry.kind];
  return (
    <li>
      <DateTime ctx={ctx} iso={entry.at} />
      <span class="what">{label ? ctx.t(label) : entry.kind}</span>
      {entry.email && (
        <div>
          <a href={`/admin/emails/${entry.email.id}`}>{entry.email.subject}</a>{' '}
          <StatusBadge ctx={ctx} status={entry.email.status} transport={entry.email.transport} />
          <div class="detail">{entry.email.to_address}</div>
        </div>
      )}
      {entry.emailId && <div class="detail">{ctx.t('orders.event.emailGone')}</div>}
      {entry.facts.length > 0 && (
        <div class="detail">{entry.facts.map((f) => factText(ctx, f, currency)).join(' · ')}</div>
      )}
    </li>
  );
}

function Timeline({ ctx, entries, currency }: { ctx: PageContext; entries: TimelineEntry[]; currency: string }) {
  if (entries.length === 0) return <p class="muted">{ctx.t('orders.detail.noEvents')}</p>;
  return (
    <ol class="timeline">
      {entries.map((e) => (
        <TimelineItem ctx={ctx} entry={e} currency={currency} />
      ))}
    </ol>
  );
}

function Actions({ ctx, order }: { ctx: PageContext; order: Order }) {
  const t = ctx.t;
  return (
    <section class="panel actions-panel" aria-labelledby="h-actions">
      <h2 id="h-actions">{t('orders.detail.actions')}</h2>
      {order.provider === 'import' ? (
        <p class="muted">{t('orders.detail.imported')}</p>
      ) : (
        <Form ctx={ctx} action={`/admin/orders/${order.id}/resend-receipt`} class="inline-action">
          <button type="submit" class="secondary" aria-describedby="resend-hint">
            {t('orders.resend.button')}
          </button>
          <span class="muted" id="resend-hint">
            {t('orders.resend.hint', { email: order.email })}
          </span>
        </Form>
      )}
      <p class="actions">
        <a class="btn btn-secondary" href={`/admin/orders/${order.id}/refund`}>
          {t('orders.refund.button')}
        </a>
      </p>
    </section>
  );
}

/** One order: who bought what, how it was paid, what was delivered and everything that happened. */
export function OrderDetailPage({ ctx, view }: { ctx: PageContext; view: OrderDetailView }) {
  const t = ctx.t;
  const { detail } = view;
  const { order } = detail;
  return (
    <AdminLayout ctx={ctx} title={t('orders.detail.title', { number: order.number })}>
      <p>
        <a href="/admin/orders">{t('orders.detail.back')}</a>
      </p>
      {view.notice && <Alert kind="success">{view.notice}</Alert>}
      {view.error && <Alert kind="error">{view.error}</Alert>}
      <div class="cards">
        <CustomerPanel ctx={ctx} order={order} />
        <PaymentPanel ctx={ctx} order={order} code={detail.discountCode} details={detail.payment} />
      </div>
      <section aria-labelledby="h-items">
        <h2 id="h-items">{t('orders.detail.items')}</h2>
        <ItemsTable ctx={ctx} detail={detail} />
      </section>
      <TaxPanel
        ctx={ctx}
        order={order}
        vies={detail.vies}
        cardEvidence={<CardEvidenceItem ctx={ctx} order={order} details={detail.payment} />}
      />
      <section aria-labelledby="h-deliveries">
        <h2 id="h-deliveries">{t('orders.detail.deliveries')}</h2>
        <DeliveriesTable ctx={ctx} deliveries={detail.deliveries} />
      </section>
      <section aria-labelledby="h-timeline">
        <h2 id="h-timeline">{t('orders.detail.timeline')}</h2>
        <Timeline ctx={ctx} entries={detail.timeline} currency={order.currency} />
      </section>
      {order.status === 'paid' && <Actions ctx={ctx} order={order} />}
    </AdminLayout>
  );
}
