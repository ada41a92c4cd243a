import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { OrderList } from './list-orders.js';
import { OrdersTable, Pager } from './parts.js';
import { filterQuery, ORDER_STATUSES, type OrderFilterInput } from './schemas.js';

export type OrdersPageProps = {
  ctx: PageContext;
  list: OrderList;
  filters: OrderFilterInput;
  products: { id: string; title: string }[];
};

export function ordersUrl(filters: OrderFilterInput, page = 1): string {
  return `/admin/orders${filterQuery(filters, page > 1 ? { page: String(page) } : {})}`;
}

function Input(props: {
  name: string;
  label: string;
  type: 'search' | 'date';
  value: string | undefined;
  hint?: string;
}) {
  const id = `f-${props.name}`;
  // A plain object: preact's input typing is a union per `type` that a prop cannot satisfy.
  const attrs: Record<string, unknown> = {
    id,
    name: props.name,
    type: props.type,
    value: props.value ?? '',
    placeholder: props.hint,
  };
  return (
    <div class={props.type === 'search' ? 'field wide' : 'field'}>
      <label for={id}>{props.label}</label>
      <input {...attrs} />
    </div>
  );
}

function Choice(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  const id = `f-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({ ctx, filters, products }: Pick<OrdersPageProps, 'ctx' | 'filters' | 'products'>) {
  const t = ctx.t;
  return (
    <form method="get" action="/admin/orders" class="filters" aria-label={t('orders.filter.label')}>
      <Input
        name="q"
        type="search"
        label={t('orders.filter.search')}
        value={filters.q}
        hint={t('orders.filter.searchHint')}
      />
      <Choice
        name="status"
        label={t('orders.filter.status')}
        value={filters.status}
        options={[
          { value: '', label: t('orders.filter.anyStatus') },
          ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) })),
        ]}
      />
      <Choice
        name="product"
        label={t('orders.filter.product')}
        value={filters.product}
        options={[
          { value: '', label: t('orders.filter.anyProduct') },
          ...products.map((p) => ({ value: p.id, label: p.title })),
        ]}
      />
      <Input name="from" type="date" label={t('orders.filter.from')} value={filters.from} />
      <Input name="to" type="date" label={t('orders.filter.to')} value={filters.to} />
      <div class="actions">
        <button type="submit">{t('orders.filter.apply')}</button>
        <a href="/admin/orders">{t('orders.filter.reset')}</a>
      </div>
    </form>
  );
}

export function OrdersPage({ ctx, list, filters, products }: OrdersPageProps) {
  const t = ctx.t;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <AdminLayout ctx={ctx} title={t('orders.title')}>
      <div class="page-head">
        <p class="muted">{t('orders.filter.utc', { zone: ctx.timeZone })}</p>
        <a class="btn btn-secondary" href={`/admin/orders.csv${filterQuery(filters)}`} download>
          {t('orders.export')}
        </a>
      </div>
      <Filters ctx={ctx} filters={filters} products={products} />
      {list.rows.length === 0 ? (
        <p class="empty">{t(filtered ? 'orders.emptyFiltered' : 'orders.empty')}</p>
      ) : (
        <OrdersTable ctx={ctx} rows={list.rows} />
      )}
      <Pager ctx={ctx} page={list.page} hasNext={list.hasNext} url={(p) => ordersUrl(filters, p)} />
    </AdminLayout>
  );
}
