import { Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { ShowListRow } from './admin-queries.js';

/** The creator's shows: episodes published, downloads in the last 30 days, open sharing alerts; a new show. */
export function ShowsListPage({ ctx, shows, error }: { ctx: PageContext; shows: ShowListRow[]; error?: string }) {
  const alerts = shows.reduce((n, s) => n + Number(s.alerts), 0);
  return (
    <AdminLayout ctx={ctx} title={ctx.t('podcasts.admin.title')}>
      <p class="actions">
        <a href="/admin/podcasts/alerts">{ctx.t('podcasts.admin.alerts.link', { n: alerts })}</a>
      </p>
      {shows.length === 0 ? (
        <p class="empty">{ctx.t('podcasts.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('podcasts.admin.show')}</th>
                <th scope="col">{ctx.t('podcasts.admin.episodesPublished')}</th>
                <th scope="col">{ctx.t('podcasts.admin.downloads30')}</th>
                <th scope="col">{ctx.t('podcasts.admin.openAlerts')}</th>
              </tr>
            </thead>
            <tbody>
              {shows.map((s) => (
                <tr>
                  <td>
                    <a href={`/admin/podcasts/${s.id}`}>{s.title}</a>
                  </td>
                  <td>{Number(s.published)}</td>
                  <td>{Number(s.downloads)}</td>
                  <td>{Number(s.alerts) > 0 ? <a href="/admin/podcasts/alerts">{Number(s.alerts)}</a> : 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{ctx.t('podcasts.admin.newShow')}</h2>
      <Form ctx={ctx} action="/admin/podcasts/new" idPrefix="new">
        <Field name="title" label={ctx.t('podcasts.admin.field.showTitle')} error={error} required />
        <button type="submit">{ctx.t('podcasts.admin.create')}</button>
      </Form>
    </AdminLayout>
  );
}
