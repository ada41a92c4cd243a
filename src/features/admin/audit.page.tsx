import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { isMessageKey } from '../../web/messages.js';
import { AdminLayout } from './admin-layout.js';

/** The action in words, with its name for searching logs; an action without a text shows its name. */
function Action({ ctx, action }: { ctx: PageContext; action: string }) {
  const key = `admin.audit.action.${action}`;
  if (!isMessageKey(key)) return <code>{action}</code>;
  return (
    <>
      {ctx.t(key)} <code class="muted small">{action}</code>
    </>
  );
}

/** A stored moment (ISO-8601 UTC), which the page shows on the store's clock. */
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function valueText(ctx: PageContext, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return ctx.t(value ? 'admin.audit.yes' : 'admin.audit.no');
  if (typeof value === 'string' && MOMENT.test(value)) return formatDateTime(value, ctx.locale, ctx.timeZone);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A detail's label: the action's own wording where one field means something else there, else the common one. */
function fieldKey(action: string, name: string): string | undefined {
  return [`admin.audit.field.${action}.${name}`, `admin.audit.field.${name}`].find(isMessageKey);
}

/** The recorded details as "label: value" lines instead of JSON. */
function Details({ ctx, action, detail }: { ctx: PageContext; action: string; detail: string }) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return <code>{detail}</code>;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return <code>{detail}</code>;
  const entries = Object.entries(parsed);
  if (entries.length === 0) return null;
  return (
    <ul class="plain audit-detail">
      {entries.map(([name, value]) => {
        const key = fieldKey(action, name);
        return (
          <li>
            {key && isMessageKey(key) ? ctx.t(key) : <code>{name}</code>}: {valueText(ctx, value)}
          </li>
        );
      })}
    </ul>
  );
}

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
                  <td class="nowrap">{formatDateTime(r.created_at, ctx.locale, ctx.timeZone)}</td>
                  <td>{r.actor}</td>
                  <td>
                    <Action ctx={ctx} action={r.action} />
                  </td>
                  <td>
                    <Details ctx={ctx} action={r.action} detail={r.detail} />
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
