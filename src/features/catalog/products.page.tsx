import type { ProductStatus } from '../../db/schema.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { coverPath } from './cover-image.js';
import { priceLabel } from './price.js';
import { PRODUCT_STATUSES } from './product-input.js';
import type { ProductList } from './queries.js';

export type ProductsPageProps = {
  ctx: PageContext;
  data: ProductList;
  status: ProductStatus | undefined;
  q: string;
  counts: Record<ProductStatus, number>;
  notice?: string | undefined;
};

export function productsUrl(status: ProductStatus | undefined, q = '', page = 1): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `/admin/products?${s}` : '/admin/products';
}

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: ProductStatus }) {
  return <span class={`badge product-${status}`}>{ctx.t(`catalog.status.${status}`)}</span>;
}

function Toolbar({ ctx, status, q, counts }: Omit<ProductsPageProps, 'data'>) {
  const all = counts.draft + counts.published + counts.archived;
  const tabs = [
    { value: undefined, label: ctx.t('catalog.list.all'), n: all },
    ...PRODUCT_STATUSES.map((s) => ({ value: s, label: ctx.t(`catalog.status.${s}`), n: counts[s] })),
  ];
  return (
    <div class="catalog-toolbar">
      <nav class="tabs" aria-label={ctx.t('catalog.list.filter')}>
        {tabs.map((tab) => (
          <a href={productsUrl(tab.value, q)} aria-current={tab.value === status ? 'page' : undefined}>
            {`${tab.label} (${tab.n})`}
          </a>
        ))}
      </nav>
      <form method="get" action="/admin/products" class="catalog-search">
        {status && <input type="hidden" name="status" value={status} />}
        <label for="f-q" class="visually-hidden">
          {ctx.t('catalog.list.search')}
        </label>
        <input type="search" id="f-q" name="q" value={q} placeholder={ctx.t('catalog.list.searchPlaceholder')} />
        <button type="submit" class="secondary">
          {ctx.t('catalog.list.search')}
        </button>
      </form>
    </div>
  );
}

function ProductTable({ ctx, data }: Pick<ProductsPageProps, 'ctx' | 'data'>) {
  const t = ctx.t;
  return (
    <div class="table-wrap">
      <table class="product-table">
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">{t('catalog.cover')}</span>
            </th>
            <th scope="col">{t('catalog.field.title')}</th>
            <th scope="col">{t('catalog.list.status')}</th>
            <th scope="col">{t('catalog.list.price')}</th>
            <th scope="col">{t('catalog.list.files')}</th>
            <th scope="col">{t('catalog.list.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((p) => {
            const cover = coverPath(p.cover_key);
            return (
              <tr>
                <td class="thumb-cell">
                  {cover ? <img class="thumb" src={cover} alt="" loading="lazy" /> : <span class="thumb thumb-empty" />}
                </td>
                <td>
                  <a href={`/admin/products/${p.id}`}>{p.title}</a>
                  <div class="muted small">/p/{p.slug}</div>
                </td>
                <td>
                  <StatusBadge ctx={ctx} status={p.status} />
                </td>
                <td>{priceLabel(p, t, ctx.locale)}</td>
                <td>{p.file_count}</td>
                <td>
                  <time datetime={p.updated_at}>{formatDateTime(p.updated_at, ctx.locale, ctx.timeZone)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The admin's products: status tabs, search, one page of rows. */
export function ProductsPage(props: ProductsPageProps) {
  const { ctx, data, status, q, notice } = props;
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('catalog.products.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="actions catalog-new">
        <a class="btn" href="/admin/products/new">
          {t('catalog.products.new')}
        </a>
      </p>
      <Toolbar {...props} />
      {data.rows.length === 0 ? (
        <p class="empty">{q ? t('catalog.list.noMatch', { q }) : t('catalog.list.empty')}</p>
      ) : (
        <ProductTable ctx={ctx} data={data} />
      )}
      {(data.page > 1 || data.hasNext) && (
        <nav class="pager" aria-label={t('catalog.list.pages')}>
          {data.page > 1 && (
            <a href={productsUrl(status, q, data.page - 1)} rel="prev">
              {t('catalog.list.prev')}
            </a>
          )}
          <span class="muted">{t('catalog.list.page', { page: data.page })}</span>
          {data.hasNext && (
            <a href={productsUrl(status, q, data.page + 1)} rel="next">
              {t('catalog.list.next')}
            </a>
          )}
        </nav>
      )}
    </AdminLayout>
  );
}
