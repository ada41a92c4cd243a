import type { Affiliate } from '../../db/schema.js';
import { Alert, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { money } from './parts.js';
import type { Programme } from './programme-settings.js';
import type { AffiliateFigures } from './queries.js';

export type AffiliateRow = { affiliate: Affiliate; figures: AffiliateFigures };

type Props = {
  ctx: PageContext;
  rows: AffiliateRow[];
  programme: { values: Record<keyof Programme, string>; errors: FieldErrors };
  invite: { values: { name: string; email: string }; errors: FieldErrors };
  applyUrl: string;
  notice?: string | undefined;
};

const ACTIONS = {
  applied: ['approve', 'reject'],
  approved: ['suspend'],
  rejected: ['approve'],
  suspended: ['approve'],
} as const;

function StatusButtons({ ctx, a }: { ctx: PageContext; a: Affiliate }) {
  return (
    <Form ctx={ctx} action={`/admin/affiliates/${a.id}/status`} class="inline-form" idPrefix={`s-${a.id}`}>
      {ACTIONS[a.status].map((action) => (
        <button type="submit" name="action" value={action} class="secondary small">
          {ctx.t(`affiliates.action.${action}`)}
        </button>
      ))}
    </Form>
  );
}

/** `actions`: the full list (balances and status buttons); without, the compact ranking of the top affiliates. */
function AffiliateTable({ ctx, rows, actions }: { ctx: PageContext; rows: AffiliateRow[]; actions: boolean }) {
  const t = ctx.t;
  return (
    <div class="table-wrap">
      <table class="affiliate-table">
        <thead>
          <tr>
            <th scope="col">{t('affiliates.col.name')}</th>
            <th scope="col">{t('affiliates.col.status')}</th>
            <th scope="col" class="num">
              {t('affiliates.col.clicks')}
            </th>
            <th scope="col" class="num">
              {t('affiliates.col.sales')}
            </th>
            <th scope="col" class="num">
              {t('affiliates.col.revenue')}
            </th>
            <th scope="col" class="num">
              {t('affiliates.col.commission')}
            </th>
            {actions && (
              // Payable over held in one column: the list fits 1280 px without scrolling sideways.
              <th scope="col" class="num">
                {t('affiliates.col.payable')}
                <br />
                <span class="muted">{t('affiliates.col.held')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ affiliate: a, figures: f }) => (
            <tr>
              <td>
                <a href={`/admin/affiliates/${a.id}`}>{a.name}</a>
                <div class="muted">
                  {a.email} · {a.code}
                </div>
              </td>
              <td class="affiliate-status">
                {t(`affiliates.status.${a.status}`)}
                {/* The actions sit under the status they change: one column less, no sideways scrolling at 1280 px. */}
                {actions && <StatusButtons ctx={ctx} a={a} />}
              </td>
              <td class="num">{f.clicks}</td>
              <td class="num">{f.sales}</td>
              <td class="num">{money(ctx, f.salesMinor, a.currency)}</td>
              <td class="num">{money(ctx, f.commissionMinor, a.currency)}</td>
              {actions && (
                <td class="num">
                  {money(ctx, f.payableMinor, a.currency)}
                  <div class="muted">{money(ctx, f.heldMinor, a.currency)}</div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /admin/affiliates: top affiliates, every affiliate with its figures and actions, invitations, programme settings. */
export function AffiliatesPage({ ctx, rows, programme, invite, applyUrl, notice }: Props) {
  const t = ctx.t;
  const top = rows
    .filter((r) => r.figures.sales > 0)
    .sort((a, b) => b.figures.salesMinor - a.figures.salesMinor)
    .slice(0, 5);
  return (
    <AdminLayout ctx={ctx} title={t('affiliates.admin.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="muted">{t('affiliates.admin.intro')}</p>
      <p>
        <a href="/admin/affiliates/payouts">{t('affiliates.admin.payouts')}</a>
      </p>
      {top.length > 0 && (
        <section aria-labelledby="h-top">
          <h2 id="h-top">{t('affiliates.admin.top')}</h2>
          <AffiliateTable ctx={ctx} rows={top} actions={false} />
        </section>
      )}
      <section aria-labelledby="h-all">
        <h2 id="h-all">{t('affiliates.admin.all')}</h2>
        {rows.length === 0 ? (
          <p class="empty">{t('affiliates.admin.empty', { url: applyUrl })}</p>
        ) : (
          <AffiliateTable ctx={ctx} rows={rows} actions={true} />
        )}
      </section>
      <section aria-labelledby="h-invite">
        <h2 id="h-invite">{t('affiliates.admin.invite')}</h2>
        <Form ctx={ctx} action="/admin/affiliates/invite" idPrefix="invite">
          <Field
            name="name"
            label={t('affiliates.field.name')}
            value={invite.values.name}
            error={invite.errors.name}
            required
          />
          <Field
            name="email"
            type="email"
            label={t('affiliates.field.email')}
            value={invite.values.email}
            error={invite.errors.email}
            required
          />
          <button type="submit">{t('affiliates.admin.inviteSubmit')}</button>
        </Form>
      </section>
      <section aria-labelledby="h-programme">
        <h2 id="h-programme">{t('affiliates.admin.programme')}</h2>
        <Form ctx={ctx} action="/admin/affiliates/programme" idPrefix="programme">
          <Field
            name="holdDays"
            label={t('affiliates.field.holdDays')}
            value={programme.values.holdDays}
            error={programme.errors.holdDays}
            inputmode="numeric"
            required
          />
          <Field
            name="cookieDays"
            label={t('affiliates.field.cookieDays')}
            value={programme.values.cookieDays}
            error={programme.errors.cookieDays}
            inputmode="numeric"
            required
          />
          <Field
            name="percentBp"
            label={t('affiliates.field.defaultPercent')}
            value={programme.values.percentBp}
            error={programme.errors.percentBp}
            inputmode="decimal"
            required
          />
          <button type="submit">{t('affiliates.admin.programmeSave')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}
