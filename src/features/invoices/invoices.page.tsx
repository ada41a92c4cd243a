import { formatMoney } from '../../domain/money.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { RatesSection, type RatesSectionView } from '../exchange-rates/rates-section.js';
import { Pager } from '../orders/parts.js';
import { hasEInvoice, hasXRechnung } from './cii.js';
import { docDate } from './document-texts.js';
import type { OssReport } from './exports.js';
import { creditLabel } from './invoice-links.js';
import { type Party, sellerDay } from './model.js';
import { OssSection } from './oss-section.js';
import type { ListedInvoice } from './queries.js';

export type InvoicesView = {
  from: string;
  to: string;
  quarter: string;
  /** One page of the period's invoices, newest first. */
  invoices: ListedInvoice[];
  /** How many the period has in all. */
  total: number;
  page: number;
  hasNext: boolean;
  oss: OssReport;
  configured: boolean;
  rates: RatesSectionView;
};

export function InvoicesPage({ ctx, view }: { ctx: PageContext; view: InvoicesView }) {
  const { t } = ctx;
  const q = `from=${view.from}&to=${view.to}`;
  return (
    <AdminLayout ctx={ctx} title={t('invoices.title')}>
      {!view.configured && (
        <Alert kind="info">
          {t('invoices.notConfigured')} <a href="/admin/tax">{t('invoices.setUp')}</a>
        </Alert>
      )}
      <form method="get" action="/admin/invoices" class="panel">
        <label>
          {t('invoices.from')} <input type="date" name="from" value={view.from} />
        </label>{' '}
        <label>
          {t('invoices.to')} <input type="date" name="to" value={view.to} />
        </label>{' '}
        <button type="submit">{t('invoices.show')}</button>
      </form>
      <p class="actions">
        <a href={`/admin/invoices/export.zip?${q}`}>{t('invoices.export.zip')}</a> ·{' '}
        <a href={`/admin/invoices/export.csv?${q}`}>{t('invoices.export.csv')}</a> ·{' '}
        <a href={`/admin/invoices/datev.csv?${q}`}>{t('invoices.export.datev')}</a>
      </p>
      {view.invoices.length === 0 ? (
        <p class="muted">{t('invoices.none')}</p>
      ) : (
        <div class="table-wrap">
          <p class="muted">{t('invoices.count', { count: view.total })}</p>
          <table>
            <thead>
              <tr>
                <th>{t('invoices.number')}</th>
                <th>{t('invoices.date')}</th>
                <th>{t('invoices.buyer')}</th>
                <th>{t('invoices.scheme')}</th>
                <th class="num">{t('invoices.vat')}</th>
                <th class="num">{t('invoices.gross')}</th>
                <th>{t('invoices.files')}</th>
              </tr>
            </thead>
            <tbody>
              {view.invoices.map((i) => (
                <tr>
                  <td>
                    {i.number} {i.kind === 'credit_note' && <span class="badge">{t(creditLabel(i))}</span>}
                  </td>
                  <td>{docDate(sellerDay(i.issued_at, i.seller), ctx.locale)}</td>
                  <td>{(JSON.parse(i.buyer) as Party).name}</td>
                  <td>{t(`invoices.scheme.${i.scheme as 'domestic'}`)}</td>
                  <td class="num">{formatMoney(i.tax_minor, i.currency, ctx.locale)}</td>
                  <td class="num">{formatMoney(i.gross_minor, i.currency, ctx.locale)}</td>
                  <td>
                    <a href={`/admin/invoices/${i.id}.pdf`}>PDF</a>
                    {hasEInvoice(i) && (
                      <>
                        {' '}
                        · <a href={`/admin/invoices/${i.id}.xml`}>XML</a>
                      </>
                    )}
                    {hasXRechnung(i) && (
                      <>
                        {' '}
                        · <a href={`/admin/invoices/${i.id}.xrechnung.xml`}>XRechnung</a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager ctx={ctx} page={view.page} hasNext={view.hasNext} url={(p) => `/admin/invoices?${q}&page=${p}`} />
        </div>
      )}
      <OssSection ctx={ctx} oss={view.oss} quarter={view.quarter} query={q} />
      <RatesSection ctx={ctx} view={view.rates} />
    </AdminLayout>
  );
}
