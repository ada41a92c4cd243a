import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from './admin-layout.js';

export function AuditPage({ ctx, rows }: { ctx: PageContext; rows: Selectable<AuditLogTable>[] }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('admin.audit.title')}>
      {rows.length === 0 ? (
        <p class="empty">{t('admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.when')}</th>
                <th scope="col">{t('admin.audit.who')}</th>
                <th scope="col">{t('admin.audit.what')}</th>
                <th scope="col">{t('admin.audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{formatDateTime(r.created_at, ctx.locale, ctx.timeZone)}</td>
                  <td>{r.actor}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>
                    <code>{r.detail === '{}' ? '' : r.detail}</code>
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
