import type { AffiliatePayoutBatch } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { DocumentLinks, PayoutTable, statusText } from './parts.js';
import type { PayoutSettingsValues } from './payout-settings.js';
import type { PayoutRow } from './payouts.js';

export const ADMIN_BASE = '/admin/affiliates/payouts';

type Props = {
  ctx: PageContext;
  currency: string;
  open: PayoutRow[];
  all: PayoutRow[];
  batches: AffiliatePayoutBatch[];
  settings: PayoutSettingsValues;
  errors: FieldErrors;
  notice?: { kind: 'success' | 'error'; text: string } | undefined;
};

/** /admin/affiliates/payouts: run, open payouts (SEPA file, mark paid), files, history, settings. */
export function PayoutsAdminPage({ ctx, currency, open, all, batches, settings, errors, notice }: Props) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('affiliatePayouts.title')}>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      <p class="muted">{t('affiliatePayouts.intro')}</p>
      <h2>{t('affiliatePayouts.run.title')}</h2>
      <p class="muted">{t('affiliatePayouts.run.help')}</p>
      <Form ctx={ctx} action={`${ADMIN_BASE}/run`}>
        <button type="submit">{t('affiliatePayouts.run.button')}</button>
      </Form>
      <h2>{t('affiliatePayouts.open.title')}</h2>
      {open.length === 0 ? (
        <p class="empty">{t('affiliatePayouts.open.empty')}</p>
      ) : (
        <OpenPayouts ctx={ctx} open={open} />
      )}
      <h2>{t('affiliatePayouts.batches.title')}</h2>
      {batches.length === 0 ? (
        <p class="empty">{t('affiliatePayouts.batches.empty')}</p>
      ) : (
        <Batches ctx={ctx} batches={batches} />
      )}
      <h2>{t('affiliatePayouts.history.title')}</h2>
      {all.length === 0 ? (
        <p class="empty">{t('affiliatePayouts.history.empty')}</p>
      ) : (
        <PayoutTable ctx={ctx} payouts={all} base={ADMIN_BASE} withAffiliate />
      )}
      <h2>{t('affiliatePayouts.settings.title')}</h2>
      <Form ctx={ctx} action={`${ADMIN_BASE}/settings`} idPrefix="settings">
        <Field
          name="minimum"
          label={t('affiliatePayouts.field.minimum', { currency })}
          value={settings.minimum}
          error={errors.minimum}
          hint={t('affiliatePayouts.hint.minimum')}
          inputmode="decimal"
          required
        />
        <Field
          name="debtorName"
          label={t('affiliatePayouts.field.debtorName')}
          value={settings.debtorName}
          error={errors.debtorName}
        />
        <Field
          name="debtorIban"
          label={t('affiliatePayouts.field.debtorIban')}
          value={settings.debtorIban}
          error={errors.debtorIban}
        />
        <Field
          name="debtorBic"
          label={t('affiliatePayouts.field.debtorBic')}
          value={settings.debtorBic}
          error={errors.debtorBic}
          hint={t('affiliatePayouts.hint.debtorBic')}
        />
        <button type="submit">{t('affiliatePayouts.settings.save')}</button>
      </Form>
    </AdminLayout>
  );
}

/** One form, two actions (buttons with formaction): a SEPA file of the chosen ones, or mark them paid. */
function OpenPayouts({ ctx, open }: { ctx: PageContext; open: PayoutRow[] }) {
  const t = ctx.t;
  return (
    <Form ctx={ctx} action={`${ADMIN_BASE}/sepa`}>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('affiliatePayouts.col.choose')}</th>
              <th scope="col">{t('affiliatePayouts.col.number')}</th>
              <th scope="col">{t('affiliatePayouts.col.affiliate')}</th>
              <th scope="col" class="num">
                {t('affiliatePayouts.col.gross')}
              </th>
              <th scope="col">{t('affiliatePayouts.col.status')}</th>
              <th scope="col">{t('affiliatePayouts.col.documents')}</th>
            </tr>
          </thead>
          <tbody>
            {open.map((p) => (
              <tr>
                <td>
                  <input
                    type="checkbox"
                    id={`choose-${p.id}`}
                    name="payoutIds"
                    value={p.id}
                    aria-label={t('affiliatePayouts.choose', { number: p.credit_note_number })}
                  />
                </td>
                <td class="nowrap">{p.credit_note_number}</td>
                <td>{p.affiliate_name}</td>
                <td class="num">{formatMoney(p.amount_minor, p.currency, ctx.locale)}</td>
                <td>{statusText(ctx, p)}</td>
                <td>
                  <DocumentLinks ctx={ctx} base={`${ADMIN_BASE}/${p.id}`} number={p.credit_note_number} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{t('affiliatePayouts.open.sepaHelp')}</p>
      <div class="actions">
        <button type="submit">{t('affiliatePayouts.open.sepa')}</button>{' '}
        <button type="submit" class="secondary" formaction={`${ADMIN_BASE}/mark-paid`}>
          {t('affiliatePayouts.open.markPaid')}
        </button>
      </div>
    </Form>
  );
}

function Batches({ ctx, batches }: { ctx: PageContext; batches: AffiliatePayoutBatch[] }) {
  const t = ctx.t;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('affiliatePayouts.batches.col.created')}</th>
            <th scope="col">{t('affiliatePayouts.batches.col.message')}</th>
            <th scope="col" class="num">
              {t('affiliatePayouts.batches.col.count')}
            </th>
            <th scope="col" class="num">
              {t('affiliatePayouts.batches.col.total')}
            </th>
            <th scope="col">{t('affiliatePayouts.batches.download')}</th>
            <th scope="col">{t('affiliatePayouts.batches.col.paid')}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr>
              <td>{formatDateTime(b.created_at, ctx.locale, ctx.timeZone)}</td>
              <td>
                <code>{b.message_id}</code>
              </td>
              <td class="num">{b.payout_count}</td>
              <td class="num">{formatMoney(b.total_minor, b.currency, ctx.locale)}</td>
              <td>
                <a href={`${ADMIN_BASE}/files/${b.id}`} download={`${b.message_id}.xml`}>
                  {t('affiliatePayouts.batches.download')}
                </a>
              </td>
              <td>
                <Form ctx={ctx} action={`${ADMIN_BASE}/files/${b.id}/mark-paid`}>
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={t('affiliatePayouts.batches.markPaidOf', { id: b.message_id })}
                  >
                    {t('affiliatePayouts.batches.markPaid')}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
