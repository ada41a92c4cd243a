import type { MemberEmailStatus, MembershipTier } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { isMessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { providerLabel } from '../payments/provider-label.js';
import type { SkippedRow } from './members-csv.js';
import type { MemberDetail, MemberFilters, MemberList } from './members-queries.js';
import { SubscriptionBadge } from './portal.page.js';

/** The admin's view of a member's email status: waiting for the member, not for "you". */
function emailStatusText(ctx: PageContext, status: MemberEmailStatus): string {
  return ctx.t(status === 'pending' ? 'memberships.members.pendingConfirmation' : `memberships.emailStatus.${status}`);
}

/** A stored code (a source, a consent's purpose) in words, or as stored when there are none. */
function labelOr(ctx: PageContext, key: string, raw: string): string {
  return isMessageKey(key) ? ctx.t(key) : raw;
}

export function membersQuery(filters: MemberFilters, page = filters.page): string {
  const q = new URLSearchParams();
  for (const k of ['tier', 'status', 'email', 'from', 'to', 'q'] as const) {
    const v = filters[k];
    if (v) q.set(k, v);
  }
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function FilterSelect(props: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">—</option>
        {props.options.map(([v, l]) => (
          <option value={v} selected={v === props.value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Admin: members with filters, pagination, CSV export and import. */
export function MembersPage(props: {
  ctx: PageContext;
  list: MemberList;
  filters: MemberFilters;
  tiers: MembershipTier[];
  report?: { imported: number; skipped: SkippedRow[] } | undefined;
  importError?: string | undefined;
}) {
  const { ctx, list, filters, tiers, report, importError } = props;
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('memberships.members.title')}>
      {report && (
        <Alert kind={report.skipped.length ? 'info' : 'success'}>
          {t('memberships.import.report', { imported: report.imported, skipped: report.skipped.length })}
        </Alert>
      )}
      {report && report.skipped.length > 0 && (
        <details class="panel" open>
          <summary>{t('memberships.import.skippedTitle')}</summary>
          <ul>
            {report.skipped.slice(0, 500).map((s) => (
              <li>
                {t('memberships.import.skippedRow', {
                  line: s.line,
                  reason: t(`memberships.import.reason.${s.reason}`, { value: s.value ?? '' }),
                })}
              </li>
            ))}
          </ul>
          {report.skipped.length > 500 && (
            <p class="hint">{t('memberships.import.more', { n: report.skipped.length - 500 })}</p>
          )}
        </details>
      )}
      {importError && <Alert kind="error">{importError}</Alert>}
      <form method="get" action="/admin/members" class="filters">
        <FilterSelect
          name="tier"
          label={t('memberships.members.tier')}
          value={filters.tier}
          options={tiers.map((x) => [x.id, x.name])}
        />
        <FilterSelect
          name="status"
          label={t('memberships.members.subStatus')}
          value={filters.status}
          options={(['active', 'past_due', 'canceled', 'expired', 'incomplete', 'none'] as const).map((s) => [
            s,
            t(`memberships.filter.${s}`),
          ])}
        />
        <FilterSelect
          name="email"
          label={t('memberships.members.emailStatus')}
          value={filters.email}
          options={(['pending', 'subscribed', 'unsubscribed', 'bounced'] as const).map((s) => [
            s,
            emailStatusText(ctx, s),
          ])}
        />
        <div class="field">
          <label for="f-from">{t('memberships.members.from')}</label>
          <input id="f-from" type="date" name="from" value={filters.from ?? ''} />
        </div>
        <div class="field">
          <label for="f-to">{t('memberships.members.to')}</label>
          <input id="f-to" type="date" name="to" value={filters.to ?? ''} />
        </div>
        <div class="field">
          <label for="f-q">{t('memberships.members.search')}</label>
          <input id="f-q" type="search" name="q" value={filters.q ?? ''} />
        </div>
        <button type="submit" class="secondary">
          {t('memberships.members.filter')}
        </button>
      </form>
      <p class="actions">
        <a href={`/admin/members/export.csv${membersQuery({ ...filters, page: 1 })}`}>
          {t('memberships.members.export')}
        </a>
      </p>
      {list.rows.length === 0 ? (
        <p class="empty">{t('memberships.members.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('memberships.subscribe.email')}</th>
                <th scope="col">{t('memberships.subscribe.name')}</th>
                <th scope="col">{t('memberships.members.emailStatus')}</th>
                <th scope="col">{t('memberships.members.subscriptions')}</th>
                <th scope="col">{t('memberships.members.signedUp')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((m) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/members/${m.id}`}>{m.email}</a>
                  </th>
                  <td>{m.name}</td>
                  <td>{emailStatusText(ctx, m.email_status)}</td>
                  <td>
                    {m.subs
                      .map(
                        (s) =>
                          `${s.tier}: ${t(s.canceled && s.status !== 'expired' ? 'memberships.filter.canceled' : `memberships.sub.${s.status}`)}`,
                      )
                      .join(', ')}
                  </td>
                  <td>{formatDateTime(m.created_at, ctx.locale, ctx.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={t('memberships.members.pages')}>
        {list.page > 1 && (
          <a href={`/admin/members${membersQuery(filters, list.page - 1)}`}>{t('memberships.members.prev')}</a>
        )}{' '}
        <span>{t('memberships.members.page', { page: list.page })}</span>{' '}
        {list.hasNext && (
          <a href={`/admin/members${membersQuery(filters, list.page + 1)}`}>{t('memberships.members.next')}</a>
        )}
      </nav>
      <section class="panel" aria-labelledby="h-import">
        <h2 id="h-import">{t('memberships.import.title')}</h2>
        <p class="muted">{t('memberships.import.intro')}</p>
        <form method="post" action="/admin/members/import" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <div class="field">
            <label for="f-csv">{t('memberships.import.file')}</label>
            <input id="f-csv" type="file" name="file" accept=".csv,text/csv" required />
          </div>
          <button type="submit">{t('memberships.import.button')}</button>
        </form>
      </section>
    </AdminLayout>
  );
}

/** Admin: one member — subscriptions, billing history, consent proof. */
export function MemberDetailPage({ ctx, detail, notice }: { ctx: PageContext; detail: MemberDetail; notice?: string }) {
  const t = ctx.t;
  const { member } = detail;
  return (
    <AdminLayout ctx={ctx} title={member.email}>
      <p>
        <a href="/admin/members">{t('memberships.members.back')}</a>
      </p>
      {notice && <Alert kind="success">{notice}</Alert>}
      <dl class="meta">
        <dt>{t('memberships.subscribe.name')}</dt>
        <dd>{member.name || '—'}</dd>
        <dt>{t('memberships.members.emailStatus')}</dt>
        <dd>{emailStatusText(ctx, member.email_status)}</dd>
        <dt>{t('memberships.members.source')}</dt>
        <dd>{labelOr(ctx, `memberships.members.source.${member.source}`, member.source)}</dd>
        <dt>{t('memberships.members.signedUp')}</dt>
        <dd>{formatDateTime(member.created_at, ctx.locale, ctx.timeZone)}</dd>
        <dt>{t('memberships.members.confirmed')}</dt>
        <dd>{member.confirmed_at ? formatDateTime(member.confirmed_at, ctx.locale, ctx.timeZone) : '—'}</dd>
      </dl>
      <h2>{t('memberships.members.subscriptions')}</h2>
      {detail.subscriptions.length === 0 && <p class="empty">{t('memberships.members.noSubscriptions')}</p>}
      {detail.subscriptions.map((s) => (
        <section class="panel">
          <h3>
            {s.tier_name} <SubscriptionBadge ctx={ctx} sub={s} />
          </h3>
          <p class="muted">
            {formatMoney(s.price_minor, s.currency, ctx.locale)} /{' '}
            {t(s.interval === 'month' ? 'memberships.public.monthly' : 'memberships.public.yearly')} ·{' '}
            {providerLabel(t, s.provider)}
            {s.current_period_end
              ? ` · ${t('memberships.portal.renewsOn', { date: formatDateTime(s.current_period_end, ctx.locale, ctx.timeZone) })}`
              : ''}
          </p>
          {s.status !== 'expired' && (
            <Form ctx={ctx} action={`/admin/members/${member.id}/subscriptions/${s.id}/end`}>
              <button type="submit" class="danger">
                {t('memberships.members.endNow')}
              </button>
            </Form>
          )}
        </section>
      ))}
      <h2>{t('memberships.portal.history')}</h2>
      {detail.payments.length === 0 ? (
        <p class="empty">{t('memberships.portal.noPayments')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('memberships.portal.period')}</th>
                <th scope="col">{t('memberships.portal.amount')}</th>
                <th scope="col">{t('memberships.col.status')}</th>
                <th scope="col">{t('memberships.members.order')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.payments.map((p) => (
                <tr>
                  <td>{formatDateTime(p.period_start, ctx.locale, ctx.timeZone)}</td>
                  <td>{formatMoney(p.amount_minor, p.currency, ctx.locale)}</td>
                  <td>{t(`memberships.payment.${p.status}`)}</td>
                  <td>{p.order_id ? <a href={`/admin/orders/${p.order_id}`}>{p.order_number}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('memberships.members.consents')}</h2>
      {detail.consents.length === 0 ? (
        <p class="empty">{t('memberships.members.noConsents')}</p>
      ) : (
        <ul>
          {detail.consents.map((c) => (
            <li>
              {t('memberships.members.consentLine', {
                purpose: labelOr(ctx, `memberships.members.purpose.${c.purpose}`, c.purpose),
                given: formatDateTime(c.given_at, ctx.locale, ctx.timeZone),
                confirmed: c.confirmed_at ? formatDateTime(c.confirmed_at, ctx.locale, ctx.timeZone) : '—',
                ip: c.ip ?? '—',
                version: c.text_version,
                source: labelOr(ctx, `memberships.members.source.${c.source}`, c.source),
              })}
              {c.withdrawn_at &&
                ` · ${t('memberships.members.withdrawn', { date: formatDateTime(c.withdrawn_at, ctx.locale, ctx.timeZone) })}`}
              <blockquote>{c.text}</blockquote>
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}
