import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { StatusBadge, usageText, validityText } from './admin-parts.js';
import type { LicenseKeyRow, LicensingProductRow } from './admin-queries.js';
import { licenseStatus } from './license-rules.js';
import type { SigningKey } from './signing-key.js';

type List = { rows: LicenseKeyRow[]; page: number; hasNext: boolean };

function pageUrl(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `/admin/licenses?${s}` : '/admin/licenses';
}

function KeysTable({ ctx, rows, now }: { ctx: PageContext; rows: LicenseKeyRow[]; now: string }) {
  const t = ctx.t;
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('licensing.admin.col.key')}</th>
            <th scope="col">{t('licensing.admin.col.product')}</th>
            <th scope="col">{t('licensing.admin.col.customer')}</th>
            <th scope="col">{t('licensing.admin.col.status')}</th>
            <th scope="col" class="num">
              {t('licensing.admin.col.activations')}
            </th>
            <th scope="col">{t('licensing.admin.col.created')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((k) => (
            <tr>
              <th scope="row">
                <a href={`/admin/licenses/${k.id}`}>
                  <code>{k.display_key}</code>
                </a>
              </th>
              <td>{k.product_title}</td>
              <td>{k.email}</td>
              <td>
                <StatusBadge ctx={ctx} status={licenseStatus(k, now)} />
              </td>
              <td class="num">{usageText(ctx, k)}</td>
              <td>{formatDateTime(k.created_at, ctx.locale, ctx.timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ ctx, list, q }: { ctx: PageContext; list: List; q: string }) {
  if (list.page === 1 && !list.hasNext) return null;
  return (
    <nav class="pager" aria-label={ctx.t('licensing.admin.pages')}>
      {list.page > 1 && (
        <a href={pageUrl(q, list.page - 1)} rel="prev">
          {ctx.t('licensing.admin.newer')}
        </a>
      )}
      <span class="muted">{ctx.t('licensing.admin.page', { page: list.page })}</span>
      {list.hasNext && (
        <a href={pageUrl(q, list.page + 1)} rel="next">
          {ctx.t('licensing.admin.older')}
        </a>
      )}
    </nav>
  );
}

function ProductsPanel({ ctx, products }: { ctx: PageContext; products: LicensingProductRow[] }) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-licensing-products">
      <h2 id="h-licensing-products">{t('licensing.admin.products')}</h2>
      <p class="muted">{t('licensing.admin.productsIntro')}</p>
      {products.length === 0 ? (
        <p class="empty">{t('licensing.admin.noProducts')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('licensing.admin.col.product')}</th>
                <th scope="col">{t('licensing.admin.col.limit')}</th>
                <th scope="col">{t('licensing.admin.col.validity')}</th>
                <th scope="col" class="num">
                  {t('licensing.admin.col.keys')}
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/products/${p.id}/licensing`}>{p.title}</a>
                  </th>
                  {p.enabled ? (
                    <>
                      <td>{p.activation_limit ?? t('licensing.limit.unlimited')}</td>
                      <td>{validityText(ctx, p)}</td>
                    </>
                  ) : (
                    <td colSpan={2}>
                      <span class="badge neutral">{t('licensing.admin.off')}</span>
                    </td>
                  )}
                  <td class="num">{Number(p.keys ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SigningPanel({ ctx, signing }: { ctx: PageContext; signing: SigningKey }) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-signing">
      <h2 id="h-signing">{t('licensing.signing.heading')}</h2>
      <p class="muted">{t('licensing.signing.intro')}</p>
      <dl class="meta">
        <dt>{t('licensing.signing.keyId')}</dt>
        <dd>
          <code>{signing.keyId}</code>
        </dd>
        <dt>{t('licensing.signing.raw')}</dt>
        <dd>
          <code id="public-key">{signing.publicKeyBase64}</code>
        </dd>
      </dl>
      <p>{t('licensing.signing.pem')}</p>
      <pre class="text">{signing.publicKeyPem}</pre>
    </section>
  );
}

export function LicensesPage({
  ctx,
  list,
  q,
  products,
  signing,
  now,
}: {
  ctx: PageContext;
  list: List;
  q: string;
  products: LicensingProductRow[];
  signing: SigningKey;
  now: string;
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('licensing.admin.title')}>
      <p class="muted">{t('licensing.admin.intro')}</p>
      <form method="get" action="/admin/licenses" class="filters" aria-label={t('licensing.admin.search')}>
        <div class="field wide">
          <label for="f-q">{t('licensing.admin.searchLabel')}</label>
          <input id="f-q" name="q" type="search" value={q} maxLength={200} />
        </div>
        <div class="actions">
          <button type="submit">{t('licensing.admin.search')}</button>
        </div>
      </form>
      {list.rows.length > 0 ? (
        <KeysTable ctx={ctx} rows={list.rows} now={now} />
      ) : (
        <p class="empty">{q ? t('licensing.admin.noResults', { q }) : t('licensing.admin.empty')}</p>
      )}
      <Pager ctx={ctx} list={list} q={q} />
      <ProductsPanel ctx={ctx} products={products} />
      <SigningPanel ctx={ctx} signing={signing} />
    </AdminLayout>
  );
}
