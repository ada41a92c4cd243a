import type { Invoice } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { countryName } from '../tax/countries.js';
import { formatRate } from '../tax/rates.js';
import type { OssReport } from './exports.js';
import type { Party } from './model.js';

export type InvoicesView = {
  from: string;
  to: string;
  quarter: string;
  invoices: Invoice[];
  oss: OssReport;
  configured: boolean;
};

export function InvoicesPage({ ctx, view }: { ctx: PageContext; view: InvoicesView }) {
  const { t } = ctx;
  const q = `from=${view.from}&to=${view.to}`;
  const eur = (m: number) => formatMoney(m, 'EUR', ctx.locale);
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
                    {i.number} {i.kind === 'credit_note' && <span class="badge">{t('invoices.kind.credit_note')}</span>}
                  </td>
                  <td>{i.issued_at.slice(0, 10)}</td>
                  <td>{(JSON.parse(i.buyer) as Party).name}</td>
                  <td>{t(`invoices.scheme.${i.scheme as 'domestic'}`)}</td>
                  <td class="num">{formatMoney(i.tax_minor, i.currency, ctx.locale)}</td>
                  <td class="num">{formatMoney(i.gross_minor, i.currency, ctx.locale)}</td>
                  <td>
                    <a href={`/admin/invoices/${i.id}.pdf`}>PDF</a> · <a href={`/admin/invoices/${i.id}.xml`}>XML</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="panel" aria-labelledby="h-oss">
        <h2 id="h-oss">{t('invoices.oss.title', { quarter: view.quarter })}</h2>
        {view.oss.skipped.length > 0 && (
          <Alert kind="info">{t('invoices.oss.skipped', { count: view.oss.skipped.length })}</Alert>
        )}
        {view.oss.rows.length === 0 ? (
          <p class="muted">{t('invoices.oss.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('invoices.oss.country')}</th>
                <th class="num">{t('invoices.oss.rate')}</th>
                <th class="num">{t('invoices.oss.net')}</th>
                <th class="num">{t('invoices.oss.vat')}</th>
              </tr>
            </thead>
            <tbody>
              {view.oss.rows.map((r) => (
                <tr>
                  <td>{countryName(r.country, ctx.locale)}</td>
                  <td class="num">{formatRate(r.rateBp)} %</td>
                  <td class="num">{eur(r.netMinor)}</td>
                  <td class="num">{eur(r.taxMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <a href={`/admin/invoices/oss.csv?${q}`}>{t('invoices.oss.csv')}</a>
        </p>
      </section>
    </AdminLayout>
  );
}
