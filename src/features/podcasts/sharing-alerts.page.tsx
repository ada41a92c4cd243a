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
      {alerts.length === 0 ? (
        <p class="empty">{ctx.t('podcasts.admin.alerts.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('podcasts.admin.show')}</th>
                <th scope="col">{ctx.t('podcasts.admin.alerts.listener')}</th>
                <th scope="col">{ctx.t('podcasts.admin.alerts.networks')}</th>
                <th scope="col">{ctx.t('podcasts.admin.alerts.apps')}</th>
                <th scope="col">{ctx.t('podcasts.admin.alerts.since')}</th>
                <th scope="col">{ctx.t('podcasts.admin.alerts.decide')}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr>
                  <td>{a.title}</td>
                  <td>{a.email}</td>
                  <td>{a.networks}</td>
                  <td>{a.apps}</td>
                  <td class="nowrap">{when(a.created_at)}</td>
                  <td>
                    <div class="actions">
                      {(['suspend', 'rotate', 'ignore'] as const).map((d) => (
                        <Form ctx={ctx} action={`/admin/podcasts/alerts/${a.id}/${d}`} class="inline">
                          <button
                            type="submit"
                            class={d === 'ignore' ? 'secondary small-btn' : 'small-btn'}
                            aria-label={ctx.t(`podcasts.admin.alerts.${d}Label`, { email: a.email })}
                          >
                            {ctx.t(`podcasts.admin.alerts.${d}`)}
                          </button>
                        </Form>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{ctx.t('podcasts.admin.alerts.suspended')}</h2>
      {suspended.length === 0 ? (
        <p class="empty">{ctx.t('podcasts.admin.alerts.noneSuspended')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('podcasts.admin.show')}</th>
                <th scope="col">{ctx.t('podcasts.admin.alerts.listener')}</th>
                <th scope="col">{ctx.t('podcasts.admin.alerts.suspendedAt')}</th>
                <th scope="col">
                  <span class="visually-hidden">{ctx.t('podcasts.admin.alerts.decide')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {suspended.map((f) => (
                <tr>
                  <td>{f.title}</td>
                  <td>{f.email}</td>
                  <td class="nowrap">{when(f.status_changed_at)}</td>
                  <td>
                    <Form ctx={ctx} action={`/admin/podcasts/feeds/${f.id}/reactivate`} class="inline">
                      <button
                        type="submit"
                        class="small-btn"
                        aria-label={ctx.t('podcasts.admin.alerts.reactivateLabel', { email: f.email })}
                      >
                        {ctx.t('podcasts.admin.alerts.reactivate')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}
