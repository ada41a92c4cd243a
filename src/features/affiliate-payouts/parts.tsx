import type { AffiliatePayout } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';

/** A payout's state in words: open, open in a SEPA file, or paid on a day. */
export function statusText(ctx: PageContext, p: Pick<AffiliatePayout, 'status' | 'sepa_batch_id' | 'paid_at'>) {
  if (p.status === 'paid' && p.paid_at) {
    return ctx.t('affiliatePayouts.status.paid', { date: formatDateTime(p.paid_at, ctx.locale, ctx.timeZone) });
  }
  return ctx.t(p.sepa_batch_id ? 'affiliatePayouts.status.inFile' : 'affiliatePayouts.status.open');
}

/** The credit note's two documents; `base` is the admin's or the portal's path of the payout. */
export function DocumentLinks({ ctx, base, number }: { ctx: PageContext; base: string; number: string }) {
  return (
    <>
      <a href={`${base}/credit-note.pdf`} download={`${number}.pdf`}>
        {ctx.t('affiliatePayouts.pdf')}
      </a>
      {' · '}
      <a href={`${base}/credit-note.xml`} download={`${number}.xml`}>
        {ctx.t('affiliatePayouts.xml')}
      </a>
    </>
  );
}

/** A payout's period (`YYYY-MM`) as the month in words, "December 2026". */
export function periodText(ctx: PageContext, period: string): string {
  const at = new Date(`${period}-01T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return period;
  return new Intl.DateTimeFormat(ctx.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at);
}

/** The payout table of the admin's history and the partner's own list. */
export function PayoutTable({
  ctx,
  payouts,
  base,
  withAffiliate,
}: {
  ctx: PageContext;
  payouts: (AffiliatePayout & { affiliate_name?: string })[];
  base: string;
  withAffiliate: boolean;
}) {
  const money = (m: number, c: string) => formatMoney(m, c, ctx.locale);
  return (
    <div class="table-wrap">
      <table class="payout-table">
        <thead>
          <tr>
            <th scope="col">{ctx.t('affiliatePayouts.col.number')}</th>
            {withAffiliate && <th scope="col">{ctx.t('affiliatePayouts.col.affiliate')}</th>}
            <th scope="col">{ctx.t('affiliatePayouts.col.period')}</th>
            <th scope="col" class="num">
              {ctx.t('affiliatePayouts.col.net')}
            </th>
            <th scope="col" class="num">
              {ctx.t('affiliatePayouts.col.vat')}
            </th>
            <th scope="col" class="num">
              {ctx.t('affiliatePayouts.col.gross')}
            </th>
            <th scope="col">{ctx.t('affiliatePayouts.col.status')}</th>
            <th scope="col">{ctx.t('affiliatePayouts.col.documents')}</th>
          </tr>
        </thead>
        <tbody>
          {payouts.map((p) => (
            <tr>
              <td class="nowrap">{p.credit_note_number}</td>
              {withAffiliate && <td>{p.affiliate_name}</td>}
              <td>{periodText(ctx, p.period)}</td>
              <td class="num">{money(p.net_minor, p.currency)}</td>
              <td class="num">{money(p.vat_minor, p.currency)}</td>
              <td class="num">{money(p.amount_minor, p.currency)}</td>
              <td>{statusText(ctx, p)}</td>
              <td>
                <DocumentLinks ctx={ctx} base={`${base}/${p.id}`} number={p.credit_note_number} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
