import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import { InvoiceLinks } from '../invoices/invoice-links.js';
import { DownloadsList } from './downloads-list.js';
import { StatusBadge } from './library.pages.js';
import type { LibraryOrder } from './load-library.js';

/** A purchase's receipt: order facts, items with prices, totals, and the downloads while it is paid. */
export function ReceiptPage({ ctx, purchase }: { ctx: PageContext; purchase: LibraryOrder }) {
  const { order, items, downloads } = purchase;
  const money = (minor: number) => formatMoney(minor, order.currency, ctx.locale);
  const title = ctx.t('library.receipt.title', { number: order.number });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/library">← {ctx.t('library.receipt.back')}</a>
      </p>
      <h1>{title}</h1>
      <section class="panel">
        <dl class="meta">
          <dt>{ctx.t('library.receipt.number')}</dt>
          <dd>{order.number}</dd>
          <dt>{ctx.t('library.receipt.date')}</dt>
          <dd>{formatDateTime(order.created_at, ctx.locale, ctx.timeZone, { zone: true })}</dd>
          {order.paid_at && (
            <>
              <dt>{ctx.t('library.receipt.paidOn')}</dt>
              <dd>{formatDateTime(order.paid_at, ctx.locale, ctx.timeZone, { zone: true })}</dd>
            </>
          )}
          {order.refunded_at && (
            <>
              <dt>{ctx.t('library.receipt.refundedOn')}</dt>
              <dd>{formatDateTime(order.refunded_at, ctx.locale, ctx.timeZone, { zone: true })}</dd>
            </>
          )}
          <dt>{ctx.t('library.receipt.status')}</dt>
          <dd>
            <StatusBadge ctx={ctx} status={order.status} />
          </dd>
          {order.name && (
            <>
              <dt>{ctx.t('library.receipt.name')}</dt>
              <dd>{order.name}</dd>
            </>
          )}
          <dt>{ctx.t('library.receipt.email')}</dt>
          <dd>{order.email}</dd>
        </dl>
      </section>
      <div class="table-wrap">
        <table class="receipt">
          <thead>
            <tr>
              <th scope="col">{ctx.t('library.receipt.item')}</th>
              <th scope="col" class="num">
                {ctx.t('library.receipt.quantity')}
              </th>
              <th scope="col" class="num">
                {ctx.t('library.receipt.unitPrice')}
              </th>
              <th scope="col" class="num">
                {ctx.t('library.receipt.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr>
                <td>{i.title}</td>
                <td class="num">{i.quantity}</td>
                <td class="num">{money(i.unit_price_minor)}</td>
                <td class="num">{money(i.total_minor)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <TotalRow label={ctx.t('library.receipt.subtotal')} value={money(order.subtotal_minor)} />
            {order.discount_minor > 0 && (
              <TotalRow label={ctx.t('library.receipt.discount')} value={`−${money(order.discount_minor)}`} />
            )}
            <TotalRow label={ctx.t('library.receipt.total')} value={money(order.total_minor)} strong />
            {order.refunded_minor > 0 && (
              <TotalRow label={ctx.t('library.receipt.refundedAmount')} value={`−${money(order.refunded_minor)}`} />
            )}
          </tfoot>
        </table>
      </div>
      {order.status === 'paid' && downloads.length > 0 && (
        <section aria-labelledby="h-downloads">
          <h2 id="h-downloads">{ctx.t('library.downloads')}</h2>
          <DownloadsList ctx={ctx} downloads={downloads} level={3} />
        </section>
      )}
      {order.status === 'refunded' && <p class="muted">{ctx.t('library.refunded')}</p>}
      <InvoiceLinks ctx={ctx} invoices={purchase.invoices ?? []} />
    </Layout>
  );
}

function TotalRow({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <tr class={strong ? 'total' : undefined}>
      <th scope="row" colSpan={3}>
        {label}
      </th>
      <td class="num">{value}</td>
    </tr>
  );
}
