import { formatMoney } from '../../domain/money.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { OrderStatusBadge } from '../orders/parts.js';
import { AdminLayout } from './admin-layout.js';
import type { DashboardData } from './dashboard-data.js';
import type { ChecklistItem } from './setup-checklist.js';

function Tile({
  value,
  label,
  href,
  small,
}: {
  value: string | number;
  label: string;
  href?: string;
  small?: boolean;
}) {
  const body = (
    <>
      <div class="l">{label}</div>
      <div class={small ? 'n small' : 'n'}>{value}</div>
    </>
  );
  return <div class="tile">{href ? <a href={href}>{body}</a> : body}</div>;
}

function Checklist({ ctx, items }: { ctx: PageContext; items: ChecklistItem[] }) {
  const t = ctx.t;
  if (items.every((i) => i.done)) return null;
  return (
    <section class="panel checklist" aria-labelledby="h-checklist">
      <h2 id="h-checklist">{t('admin.checklist.title')}</h2>
      <p class="muted">{t('admin.checklist.intro')}</p>
      <ul>
        {items.map((i) => (
          <li class={i.done ? 'done' : 'open'}>
            <span class="mark" aria-hidden="true">
              {i.done ? '✓' : '○'}
            </span>
            <span>
              <a href={i.href}>{t(i.label)}</a>{' '}
              <span class="visually-hidden">({t(i.done ? 'admin.checklist.done' : 'admin.checklist.open')})</span>
              <br />
              <span class="muted">{t(i.hint)}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DashboardPage({
  ctx,
  data,
  checklist,
}: {
  ctx: PageContext;
  data: DashboardData;
  checklist: ChecklistItem[];
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('admin.dashboard.title')}>
      <p class="muted">{t('admin.dashboard.welcome', { email: ctx.admin?.email ?? '' })}</p>
      {data.jobs.dead > 0 && (
        <Alert kind="error">
          <a href="/admin/jobs?status=dead">{t('admin.dashboard.deadHint')}</a>
        </Alert>
      )}
      <Checklist ctx={ctx} items={checklist} />
      {data.publishedProducts === 0 && (
        <div class="panel cta">
          <h2>{t('admin.dashboard.firstProduct')}</h2>
          <p class="muted">{t('admin.dashboard.firstProduct.text')}</p>
          <a class="btn" href="/admin/products/new">
            {t('admin.dashboard.firstProduct.action')}
          </a>
        </div>
      )}
      <h2>{t('admin.dashboard.sales')}</h2>
      <div class="tiles">
        <Tile
          label={t('admin.dashboard.revenue30d')}
          value={formatMoney(data.revenue30dMinor, data.currency, ctx.locale)}
          href="/admin/orders"
        />
        <Tile label={t('admin.dashboard.orders30d')} value={data.orders30d} href="/admin/orders" />
        <Tile label={t('admin.dashboard.customers')} value={data.customers} href="/admin/customers" />
        <Tile label={t('admin.dashboard.products')} value={data.publishedProducts} href="/admin/products" />
      </div>
      {data.memberships && (
        <>
          <h2>{t('memberships.dashboard.title')}</h2>
          <div class="tiles">
            <Tile
              label={t('memberships.dashboard.mrr')}
              value={formatMoney(data.memberships.mrrMinor, data.memberships.currency, ctx.locale)}
              href="/admin/members"
            />
            <Tile
              label={t('memberships.dashboard.paid')}
              value={data.memberships.activePaid}
              href="/admin/members?status=active"
            />
            <Tile label={t('memberships.dashboard.free')} value={data.memberships.freeMembers} href="/admin/members" />
            <Tile
              label={t('memberships.dashboard.churn')}
              value={t('memberships.dashboard.churnValue', {
                count: data.memberships.churned30d,
                rate: (data.memberships.churnRatePermille / 10).toLocaleString(ctx.locale),
              })}
              href="/admin/members?status=expired"
              small
            />
          </div>
        </>
      )}
      <h2>{t('admin.dashboard.recentOrders')}</h2>
      {data.recentOrders.length === 0 ? (
        <p class="empty">{t('admin.dashboard.noOrders')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.dashboard.order')}</th>
                <th scope="col">{t('admin.dashboard.customer')}</th>
                <th scope="col">{t('admin.dashboard.total')}</th>
                <th scope="col">{t('admin.dashboard.status')}</th>
                <th scope="col">{t('admin.dashboard.date')}</th>
              </tr>
            </thead>
            <tbody>
              {data.recentOrders.map((o) => (
                <tr>
                  <td>
                    <a href={`/admin/orders/${o.id}`}>{o.number}</a>
                  </td>
                  <td>{o.email}</td>
                  <td>{formatMoney(o.total_minor, o.currency, ctx.locale)}</td>
                  <td>
                    <OrderStatusBadge ctx={ctx} status={o.status} />
                  </td>
                  <td>{formatDateTime(o.created_at, ctx.locale, ctx.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('admin.dashboard.system')}</h2>
      <div class="tiles">
        <Tile
          label={t(data.transport === 'outbox' ? 'admin.dashboard.emailsKept' : 'admin.dashboard.emails')}
          value={data.emailsSent}
          href="/admin/emails"
        />
        <Tile
          label={t('admin.dashboard.jobsPending')}
          value={data.jobs.pending + data.jobs.running}
          href="/admin/jobs"
        />
        <Tile label={t('admin.dashboard.jobsDead')} value={data.jobs.dead} href="/admin/jobs?status=dead" />
        <Tile
          label={t('admin.dashboard.mailTransport')}
          value={t(`admin.dashboard.transport.${data.transport}`)}
          href="/admin/emails"
          small
        />
      </div>
    </AdminLayout>
  );
}
