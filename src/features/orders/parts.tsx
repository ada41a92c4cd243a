import type { OrderStatus } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import type { Amount } from './customers.js';
import type { OrderRow } from './list-orders.js';

export function OrderStatusBadge({ ctx, status }: { ctx: PageContext; status: OrderStatus }) {
  return <span class={`badge ${status}`}>{ctx.t(`orders.status.${status}`)}</span>;
}

export function DateTime({ ctx, iso }: { ctx: PageContext; iso: string | null | undefined }) {
  if (!iso) return <span class="muted">–</span>;
  return <time datetime={iso}>{formatDateTime(iso, ctx.locale, ctx.timeZone)}</time>;
}

export function money(ctx: PageContext, amountMinor: number, currency: string): string {
  return formatMoney(amountMinor, currency, ctx.locale);
}

/** Amounts in several currencies, one per line. */
export function Amounts({ ctx, amounts }: { ctx: PageContext; amounts: Amount[] }) {
  if (amounts.length === 0) return <span class="muted">–</span>;
  return (
    <ul class="plain">
      {amounts.map((a) => (
        <li>{money(ctx, a.amountMinor, a.currency)}</li>
      ))}
    </ul>
  );
}

export function Pager({
  ctx,
  page,
  hasNext,
  url,
}: {
  ctx: PageContext;
  page: number;
  hasNext: boolean;
  url: (page: number) => string;
}) {
  if (page === 1 && !hasNext) return null;
  return (
    <nav class="pager" aria-label={ctx.t('orders.pages')}>
      {page > 1 && (
        <a href={url(page - 1)} rel="prev">
          {ctx.t('orders.newer')}
        </a>
      )}
      <span class="muted">{ctx.t('orders.page', { page })}</span>
      {hasNext && (
        <a href={url(page + 1)} rel="next">
          {ctx.t('orders.older')}
        </a>
      )}
    </nav>
  );
}

function itemsText(items: OrderRow['items']): string {
  return items.map((i) => (i.quantity > 1 ? `${i.quantity} × ${i.title}` : i.title)).join(', ');
}

/** The orders table of the order list and of a customer's page. */
export function OrdersTable({
  ctx,
  rows,
  showCustomer = true,
}: {
  ctx: PageContext;
  rows: OrderRow[];
  showCustomer?: boolean;
}) {
  const t = ctx.t;
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('orders.col.number')}</th>
            <th scope="col">{t('orders.col.date')}</th>
            {showCustomer && <th scope="col">{t('orders.col.customer')}</th>}
            <th scope="col">{t('orders.col.items')}</th>
            <th scope="col" class="num">
              {t('orders.col.total')}
            </th>
            <th scope="col">{t('orders.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr>
              <th scope="row" class="nowrap">
                <a href={`/admin/orders/${o.id}`}>{o.number}</a>
              </th>
              <td>
                <DateTime ctx={ctx} iso={o.created_at} />
              </td>
              {showCustomer && (
                <td>
                  <a href={`/admin/customers/${o.customer_id}`}>{o.name || o.email}</a>
                  {o.name && <div class="muted">{o.email}</div>}
                </td>
              )}
              <td class="items-cell">{itemsText(o.items)}</td>
              <td class="num">
                {money(ctx, o.total_minor, o.currency)}
                {o.refunded_minor > 0 && (
                  <div class="muted">
                    {t('orders.refundedAmount', { amount: money(ctx, o.refunded_minor, o.currency) })}
                  </div>
                )}
              </td>
              <td>
                <OrderStatusBadge ctx={ctx} status={o.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
