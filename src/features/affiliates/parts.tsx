import type { Affiliate } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import type { ledgerOf } from './queries.js';

export type LedgerRow = Awaited<ReturnType<typeof ledgerOf>>[number];

export const money = (ctx: PageContext, minor: number, currency: string) => formatMoney(minor, currency, ctx.locale);

export const when = (ctx: PageContext, iso: string | null) =>
  iso ? <time datetime={iso}>{formatDateTime(iso, ctx.locale, ctx.timeZone)}</time> : null;

/** "20 %" or "5,00 € per sale". */
export function rateLabel(
  ctx: PageContext,
  a: Pick<Affiliate, 'commission_kind' | 'commission_percent_bp' | 'commission_fixed_minor' | 'currency'>,
) {
  if (a.commission_kind === 'percent')
    return new Intl.NumberFormat(ctx.locale, { style: 'percent', maximumFractionDigits: 2 }).format(
      a.commission_percent_bp / 10_000,
    );
  return `${money(ctx, a.commission_fixed_minor, a.currency)} · ${ctx.t('affiliates.field.kind.fixed')}`;
}

/** The ledger, newest first: what each entry did to the balance. */
export function LedgerTable({ ctx, rows }: { ctx: PageContext; rows: LedgerRow[] }) {
  const t = ctx.t;
  if (rows.length === 0) return <p class="empty">{t('affiliates.portal.noHistory')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('affiliates.col.date')}</th>
            <th scope="col">{t('affiliates.col.kind')}</th>
            <th scope="col">{t('affiliates.col.order')}</th>
            <th scope="col" class="num">
              {t('affiliates.col.amount')}
            </th>
            <th scope="col">{t('affiliates.col.availableAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr class={`entry-${r.kind}`}>
              <td class="nowrap">{when(ctx, r.created_at)}</td>
              <td>{t(`affiliates.entry.${r.kind}`)}</td>
              <td>{[r.order_number, r.product_title].filter(Boolean).join(' · ')}</td>
              <td class="num">{money(ctx, r.amount_minor, r.currency)}</td>
              <td class="nowrap">{r.kind === 'pending' ? when(ctx, r.available_at) : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
