import { formatMoney } from '../../domain/money.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDay } from '../../web/format.js';
import { displayRate } from '../exchange-rates/rates-section.js';
import { countryName } from '../tax/countries.js';
import { formatRate } from '../tax/rates.js';
import type { OssReport } from './exports.js';

/**
 * The OSS report: totals per member state and rate in EUR (what the return
 * needs), the sales in other currencies with the ECB rate used, and every
 * missing rate — with the totals marked incomplete while one is missing.
 */
export function OssSection({
  ctx,
  oss,
  quarter,
  query,
}: {
  ctx: PageContext;
  oss: OssReport;
  quarter: string;
  query: string;
}) {
  const { t } = ctx;
  const eur = (m: number) => formatMoney(m, 'EUR', ctx.locale);
  const converted = oss.rows.filter((r) => r.currency !== 'EUR');
  return (
    <section class="panel" aria-labelledby="h-oss">
      <h2 id="h-oss">{t('invoices.oss.title', { quarter })}</h2>
      {!oss.complete && (
        <Alert kind="error">
          {t('invoices.oss.incomplete', { currencies: oss.missing.map((m) => m.currency).join(', ') })}
          <ul>
            {oss.missing.map((m) => (
              <li>
                {t(`invoices.oss.missing.${m.reason}`, {
                  currency: m.currency,
                  date: formatDay(m.date, ctx.locale),
                  count: m.invoices,
                })}{' '}
                {m.reason !== 'no-ecb-rate' && <a href="#exchange-rates">{t('invoices.oss.import')}</a>}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {oss.totals.length === 0 ? (
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
            {oss.totals.map((r) => (
              <tr>
                <td>
                  {countryName(r.country, ctx.locale)}{' '}
                  {!r.complete && <span class="badge">{t('invoices.oss.incompleteMark')}</span>}
                </td>
                <td class="num">{formatRate(r.rateBp)} %</td>
                <td class="num">{eur(r.netEurMinor)}</td>
                <td class="num">{eur(r.taxEurMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {converted.length > 0 && (
        <>
          <h3>{t('invoices.oss.converted')}</h3>
          <p class="muted">{t('invoices.oss.rule')}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('invoices.oss.country')}</th>
                  <th class="num">{t('invoices.oss.rate')}</th>
                  <th>{t('invoices.oss.currency')}</th>
                  <th class="num">{t('invoices.oss.inCurrency')}</th>
                  <th class="num">{t('invoices.oss.ecbRate')}</th>
                  <th class="num">{t('invoices.oss.net')}</th>
                  <th class="num">{t('invoices.oss.vat')}</th>
                </tr>
              </thead>
              <tbody>
                {converted.map((r) => (
                  <tr>
                    <td>{countryName(r.country, ctx.locale)}</td>
                    <td class="num">{formatRate(r.rateBp)} %</td>
                    <td>{r.currency}</td>
                    <td class="num">
                      {formatMoney(r.netMinor, r.currency, ctx.locale)} /{' '}
                      {formatMoney(r.taxMinor, r.currency, ctx.locale)}
                    </td>
                    <td class="num">{r.ecb ? `${displayRate(r.ecb.rate, ctx.locale)} (${r.ecb.date})` : '–'}</td>
                    <td class="num">{r.netEurMinor === null ? '–' : eur(r.netEurMinor)}</td>
                    <td class="num">{r.taxEurMinor === null ? '–' : eur(r.taxEurMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p>
        <a href={`/admin/invoices/oss.csv?${query}`}>{t('invoices.oss.csv')}</a>
      </p>
    </section>
  );
}
