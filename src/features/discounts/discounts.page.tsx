import { formatMoney } from '../../domain/money.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { type DiscountRuleFields, discountState } from './discount-rules.js';
import type { DiscountList, DiscountRow } from './queries.js';

export function discountsUrl(page = 1): string {
  return page > 1 ? `/admin/discounts?page=${page}` : '/admin/discounts';
}

/** "20 % off" or "5,00 € off". */
export function discountValue(
  ctx: PageContext,
  d: Pick<DiscountRow, 'kind' | 'percent_off' | 'amount_off_minor' | 'currency'>,
) {
  if (d.kind === 'percent') return ctx.t('discounts.percentValue', { percent: d.percent_off ?? 0 });
  return ctx.t('discounts.amountValue', {
    amount: formatMoney(d.amount_off_minor ?? 0, d.currency ?? 'EUR', ctx.locale),
  });
}

export function DiscountStateBadge({ ctx, code, now }: { ctx: PageContext; code: DiscountRuleFields; now: string }) {
  const state = discountState(code, now);
  const cls = state === 'active' ? 'paid' : state === 'inactive' ? 'neutral' : 'failed';
  return <span class={`badge ${cls}`}>{ctx.t(`discounts.state.${state}`)}</span>;
}

export function usedText(ctx: PageContext, d: Pick<DiscountRow, 'redemptions' | 'max_redemptions'>): string {
  return d.max_redemptions === null
    ? ctx.t('discounts.usedUnlimited', { used: d.redemptions })
    : ctx.t('discounts.usedOf', { used: d.redemptions, max: d.max_redemptions });
}

function expiryText(ctx: PageContext, iso: string | null): string {
  return iso ? formatDateTime(iso, ctx.locale, ctx.timeZone) : ctx.t('discounts.noExpiry');
}

function DiscountTable({ ctx, rows, now }: { ctx: PageContext; rows: DiscountRow[]; now: string }) {
  const t = ctx.t;
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('discounts.col.code')}</th>
            <th scope="col">{t('discounts.col.value')}</th>
            <th scope="col">{t('discounts.col.product')}</th>
            <th scope="col">{t('discounts.col.expires')}</th>
            <th scope="col">{t('discounts.col.used')}</th>
            <th scope="col">{t('discounts.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr>
              <th scope="row">
                <a href={`/admin/discounts/${d.id}`}>
                  <code>{d.code}</code>
                </a>
              </th>
              <td>{discountValue(ctx, d)}</td>
              <td>{d.product_title ?? t('discounts.allProducts')}</td>
              <td>{expiryText(ctx, d.expires_at)}</td>
              <td class="num">{usedText(ctx, d)}</td>
              <td>
                <DiscountStateBadge ctx={ctx} code={d} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ ctx, list }: { ctx: PageContext; list: DiscountList }) {
  if (list.page === 1 && !list.hasNext) return null;
  return (
    <nav class="pager" aria-label={ctx.t('discounts.pages')}>
      {list.page > 1 && (
        <a href={discountsUrl(list.page - 1)} rel="prev">
          {ctx.t('discounts.newer')}
        </a>
      )}
      <span class="muted">{ctx.t('discounts.page', { page: list.page })}</span>
      {list.hasNext && (
        <a href={discountsUrl(list.page + 1)} rel="next">
          {ctx.t('discounts.older')}
        </a>
      )}
    </nav>
  );
}

export function DiscountsPage({
  ctx,
  list,
  now,
  notice,
}: {
  ctx: PageContext;
  list: DiscountList;
  now: string;
  notice?: string | undefined;
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('discounts.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <div class="page-head">
        <p class="muted">{t('discounts.intro')}</p>
        <a class="btn" href="/admin/discounts/new">
          {t('discounts.new')}
        </a>
      </div>
      {list.rows.length === 0 ? (
        <p class="empty">{t('discounts.empty')}</p>
      ) : (
        <DiscountTable ctx={ctx} rows={list.rows} now={now} />
      )}
      <Pager ctx={ctx} list={list} />
    </AdminLayout>
  );
}
