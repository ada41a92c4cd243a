import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { listOpenAlerts, listSuspendedFeeds } from './sharing-alerts.js';

type Props = {
  ctx: PageContext;
  alerts: Awaited<ReturnType<typeof listOpenAlerts>>;
  suspended: Awaited<ReturnType<typeof listSuspendedFeeds>>;
  notice?: string | undefined;
};

/** Feeds heard from more places than their show allows, with the creator's three answers; suspended feeds below. */
export function SharingAlertsPage({ ctx, alerts, suspended, notice }: Props) {
  const when = (iso: string | null) => (iso ? formatDateTime(iso, ctx.locale, ctx.timeZone) : '–');
  return (
    <AdminLayout ctx={ctx} title={ctx.t('podcasts.admin.alerts.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="actions">
        <a href="/admin/podcasts">← {ctx.t('podcasts.admin.title')}</a>
      </p>
      <p class="muted">{ctx.t('podcasts.admin.alerts.intro')}</p>
      <h2>{ctx.t('podcasts.admin.alerts.open')}</h2>
      {alerts.length === 0 ? (
        <p class="empty">{ctx.t('podcasts.admin.alerts.none')}</p>
      ) : (
        <div class="cards">
          {alerts.map((a) => (
            <section class="panel" aria-labelledby={`alert-${a.id}`}>
              <h2 id={`alert-${a.id}`}>{a.email}</h2>
              <dl class="meta">
                <dt>{ctx.t('podcasts.admin.show')}</dt>
                <dd>{a.title}</dd>
                <dt>{ctx.t('podcasts.admin.alerts.networks')}</dt>
                <dd>{a.networks}</dd>
                <dt>{ctx.t('podcasts.admin.alerts.apps')}</dt>
                <dd>{a.apps}</dd>
                <dt>{ctx.t('podcasts.admin.alerts.since')}</dt>
                <dd>{when(a.created_at)}</dd>
              </dl>
              <div class="inline-action">
                {(['suspend', 'rotate', 'ignore'] as const).map((d) => (
                  <Form ctx={ctx} action={`/admin/podcasts/alerts/${a.id}/${d}`} class="inline">
                    <button
                      type="submit"
                      class={d === 'ignore' ? 'secondary' : undefined}
                      aria-label={ctx.t(`podcasts.admin.alerts.${d}Label`, { email: a.email })}
                    >
                      {ctx.t(`podcasts.admin.alerts.${d}`)}
                    </button>
                  </Form>
                ))}
              </div>
            </section>
          ))}
        </div>
      )}
      <h2>{ctx.t('podcasts.admin.alerts.suspended')}</h2>
      {suspended.length === 0 ? (
        <p class="empty">{ctx.t('podcasts.admin.alerts.noneSuspended')}</p>
      ) : (
        <div class="cards">
          {suspended.map((f) => (
            <section class="panel" aria-labelledby={`feed-${f.id}`}>
              <h3 id={`feed-${f.id}`}>{f.email}</h3>
              <dl class="meta">
                <dt>{ctx.t('podcasts.admin.show')}</dt>
                <dd>{f.title}</dd>
                <dt>{ctx.t('podcasts.admin.alerts.suspendedAt')}</dt>
                <dd>{when(f.status_changed_at)}</dd>
              </dl>
              <Form ctx={ctx} action={`/admin/podcasts/feeds/${f.id}/reactivate`} class="inline">
                <button type="submit" aria-label={ctx.t('podcasts.admin.alerts.reactivateLabel', { email: f.email })}>
                  {ctx.t('podcasts.admin.alerts.reactivate')}
                </button>
              </Form>
            </section>
          ))}
        </div>
      )}
    </AdminLayout>
  );
}
