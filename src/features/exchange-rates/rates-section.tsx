import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDay } from '../../web/format.js';
import type { FileProblem } from './ecb-files.js';
import type { ImportRatesResult } from './import-rates.js';

export type RatesSectionView = {
  latest: { currency: string; date: string }[];
  /** The URL fetched daily, when the daily fetch is on. */
  fetchUrl: string | undefined;
  /** The outcome of an import just made, or an upload error (no file, too large). */
  result?: ImportRatesResult | { ok: false; error: 'noFile' | 'tooLarge'; mb: number } | undefined;
  /** Period kept across the upload, so the page shows the same report afterwards. */
  from: string;
  to: string;
};

const SHOWN_PROBLEMS = 50;

/** A rate in the reader's notation: "1.0705" / "1,0705". */
export const displayRate = (rate: string, locale: string) => (locale === 'de' ? rate.replace('.', ',') : rate);

/** The exchange-rate part of the invoices page: what is imported, the daily fetch, the upload form. */
export function RatesSection({ ctx, view }: { ctx: PageContext; view: RatesSectionView }) {
  const { t } = ctx;
  return (
    <section class="panel" id="exchange-rates" aria-labelledby="h-rates">
      <h2 id="h-rates">{t('exchangeRates.title')}</h2>
      <p class="muted">{t('exchangeRates.intro')}</p>
      <ImportOutcome ctx={ctx} result={view.result} />
      <p>{view.fetchUrl ? t('exchangeRates.fetch.on', { url: view.fetchUrl }) : t('exchangeRates.fetch.off')}</p>
      {view.latest.length === 0 ? (
        <p class="muted">{t('exchangeRates.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('exchangeRates.currency')}</th>
              <th>{t('exchangeRates.latest')}</th>
            </tr>
          </thead>
          <tbody>
            {view.latest.map((r) => (
              <tr>
                <td>{r.currency}</td>
                <td>{formatDay(r.date, ctx.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Form ctx={ctx} action="/admin/invoices/exchange-rates" enctype="multipart/form-data">
        <input type="hidden" name="from" value={view.from} />
        <input type="hidden" name="to" value={view.to} />
        <div class="field">
          <label for="f-rates">{t('exchangeRates.file')}</label>
          <input id="f-rates" type="file" name="file" accept=".csv,.xml,text/csv,application/xml,text/xml" required />
        </div>
        <button type="submit">{t('exchangeRates.button')}</button>
      </Form>
    </section>
  );
}

function ImportOutcome({ ctx, result }: { ctx: PageContext; result: RatesSectionView['result'] }) {
  const { t } = ctx;
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert kind="success">
        {t('exchangeRates.imported', {
          imported: result.imported,
          total: result.total,
          currencies: result.currencies,
          from: formatDay(result.firstDate, ctx.locale),
          to: formatDay(result.lastDate, ctx.locale),
        })}
        {result.conflicts.length > 0 && (
          <>
            {' '}
            {t('exchangeRates.conflicts', { count: result.conflicts.length })}
            <ul>
              {result.conflicts.slice(0, SHOWN_PROBLEMS).map((c) => (
                <li>{t('exchangeRates.conflict', { ...c, date: formatDay(c.date, ctx.locale) })}</li>
              ))}
            </ul>
          </>
        )}
      </Alert>
    );
  }
  switch (result.error) {
    case 'problems':
      return <ProblemList ctx={ctx} problems={result.problems} />;
    case 'tooLarge':
      return <Alert kind="error">{t('exchangeRates.error.tooLarge', { mb: result.mb })}</Alert>;
    case 'malformed':
      return <Alert kind="error">{t('exchangeRates.error.malformed', { line: result.line ?? 1 })}</Alert>;
    default:
      return <Alert kind="error">{t(`exchangeRates.error.${result.error}`)}</Alert>;
  }
}

function ProblemList({ ctx, problems }: { ctx: PageContext; problems: FileProblem[] }) {
  const { t } = ctx;
  const place = (p: FileProblem) =>
    p.line === null ? p.place : t('exchangeRates.place.line', { line: p.line, column: p.place || '–' });
  return (
    <Alert kind="error">
      {t('exchangeRates.error.problems', { count: problems.length })}
      <ul>
        {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
          <li>{t(`exchangeRates.problem.${p.reason}`, { place: place(p), value: p.value })}</li>
        ))}
      </ul>
      {problems.length > SHOWN_PROBLEMS && (
        <p>{t('exchangeRates.problem.more', { count: problems.length - SHOWN_PROBLEMS })}</p>
      )}
    </Alert>
  );
}
