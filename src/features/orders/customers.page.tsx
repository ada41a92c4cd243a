import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { CustomerList, CustomerRow } from './customers.js';
import type { OrderList } from './list-orders.js';
import { Amounts, DateTime, OrdersTable, Pager } from './parts.js';

export function customersUrl(q: string | undefined, page = 1): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/admin/customers?${s}` : '/admin/customers';
}

function CustomerTable({ ctx, rows }: { ctx: PageContext; rows: CustomerRow[] }) {
  const t = ctx.t;
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('orders.customers.col.customer')}</th>
            <th scope="col" class="num">
              {t('orders.customers.col.orders')}
            </th>
            <th scope="col" class="num">
              {t('orders.customers.col.lifetime')}
            </th>
            <th scope="col">{t('orders.customers.col.first')}</th>
            <th scope="col">{t('orders.customers.col.last')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/admin/customers/${c.id}`}>{c.name || c.email}</a>
                {c.name && <div class="muted">{c.email}</div>}
              </th>
              <td class="num">{c.orders}</td>
              <td class="num">
                <Amounts ctx={ctx} amounts={c.lifetime} />
              </td>
              <td>
                <DateTime ctx={ctx} iso={c.first_order_at} />
              </td>
              <td>
                <DateTime ctx={ctx} iso={c.last_order_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CustomersPage({ ctx, list, q }: { ctx: PageContext; list: CustomerList; q: string | undefined }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('orders.customers.title')}>
      <div class="page-head">
        <p class="muted">{t('orders.customers.lifetimeHint')}</p>
        <a class="btn btn-secondary" href={`/admin/customers.csv${q ? `?${new URLSearchParams({ q })}` : ''}`} download>
          {t('orders.customers.export')}
        </a>
      </div>
      <form method="get" action="/admin/customers" class="filters" aria-label={t('orders.customers.filter.label')}>
        <div class="field wide">
          <label for="f-q">{t('orders.filter.search')}</label>
          <input
            id="f-q"
            name="q"
            type="search"
            value={q ?? ''}
            placeholder={t('orders.customers.filter.searchHint')}
          />
        </div>
        <div class="actions">
          <button type="submit">{t('orders.filter.apply')}</button>
          <a href="/admin/customers">{t('orders.filter.reset')}</a>
        </div>
      </form>
      {list.rows.length === 0 ? (
        <p class="empty">{t(q ? 'orders.customers.emptyFiltered' : 'orders.customers.empty')}</p>
      ) : (
        <CustomerTable ctx={ctx} rows={list.rows} />
      )}
      <Pager ctx={ctx} page={list.page} hasNext={list.hasNext} url={(p) => customersUrl(q, p)} />
    </AdminLayout>
  );
}

/** One customer: contact, what they have bought, their latest orders. */
export function CustomerDetailPage({
  ctx,
  customer,
  orders,
}: {
  ctx: PageContext;
  customer: CustomerRow;
  orders: OrderList;
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={customer.name || customer.email}>
      <p>
        <a href="/admin/customers">{t('orders.customers.detail.back')}</a>
      </p>
      <section class="panel" aria-label={t('orders.customers.col.customer')}>
        <dl class="meta">
          <dt>{t('orders.detail.name')}</dt>
          <dd>{customer.name || '–'}</dd>
          <dt>{t('orders.detail.email')}</dt>
          <dd>{customer.email}</dd>
          <dt>{t('orders.customers.col.since')}</dt>
          <dd>
            <DateTime ctx={ctx} iso={customer.created_at} />
          </dd>
          <dt>{t('orders.customers.col.orders')}</dt>
          <dd>{customer.orders}</dd>
          <dt>{t('orders.customers.col.lifetime')}</dt>
          <dd>
            <Amounts ctx={ctx} amounts={customer.lifetime} />
          </dd>
          <dt>{t('orders.customers.col.first')}</dt>
          <dd>
            <DateTime ctx={ctx} iso={customer.first_order_at} />
          </dd>
          <dt>{t('orders.customers.col.last')}</dt>
          <dd>
            <DateTime ctx={ctx} iso={customer.last_order_at} />
          </dd>
        </dl>
      </section>
      <section aria-labelledby="h-orders">
        <h2 id="h-orders">{t('orders.customers.detail.orders')}</h2>
        {orders.rows.length === 0 ? (
          <p class="muted">{t('orders.customers.detail.noOrders')}</p>
        ) : (
          <OrdersTable ctx={ctx} rows={orders.rows} showCustomer={false} />
        )}
        <p>
          {orders.hasNext && (
            <span class="muted">{t('orders.customers.detail.more', { count: orders.rows.length })} </span>
          )}
          <a href={`/admin/orders?${new URLSearchParams({ q: customer.email })}`}>
            {t('orders.customers.detail.inList')}
          </a>
        </p>
      </section>
    </AdminLayout>
  );
}
