import type { EmailStatus } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { isMessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { EMAIL_STATUSES, type OutboxPage as OutboxData } from './outbox.js';

export type OutboxPageProps = {
  ctx: PageContext;
  data: OutboxData;
  status: EmailStatus | undefined;
  counts: Record<EmailStatus, number>;
  adminEmail: string;
  notice?: string | undefined;
  outboxOnly: boolean;
};

export function outboxUrl(status: EmailStatus | undefined, page = 1): string {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/admin/emails?${s}` : '/admin/emails';
}

/**
 * An email the outbox transport took is done but was never delivered: it says
 * "kept in the outbox", not "sent".
 */
export function StatusBadge({
  ctx,
  status,
  transport,
}: {
  ctx: PageContext;
  status: EmailStatus;
  transport: string | null;
}) {
  if (status === 'sent' && transport === 'outbox') return <span class="badge kept">{ctx.t('email.status.kept')}</span>;
  return <span class={`badge ${status}`}>{ctx.t(`email.status.${status}`)}</span>;
}

/** The email's template in words, with its name for searching logs. */
export function TemplateName({ ctx, template }: { ctx: PageContext; template: string }) {
  const key = `email.template.${template}`;
  if (!isMessageKey(key)) return <code>{template}</code>;
  return (
    <>
      {ctx.t(key)} <code class="muted small">{template}</code>
    </>
  );
}

export function DateTime({ ctx, iso }: { ctx: PageContext; iso: string }) {
  return <time datetime={iso}>{formatDateTime(iso, ctx.locale, ctx.timeZone)}</time>;
}

function Tabs({ ctx, status, counts, outboxOnly }: Pick<OutboxPageProps, 'ctx' | 'status' | 'counts' | 'outboxOnly'>) {
  const all = counts.queued + counts.sent + counts.failed;
  // Without SMTP nothing is sent: the done emails are kept here.
  const label = (s: EmailStatus) => ctx.t(s === 'sent' && outboxOnly ? 'email.status.kept' : `email.status.${s}`);
  const tabs = [
    { value: undefined, label: ctx.t('email.outbox.all'), n: all },
    ...EMAIL_STATUSES.map((s) => ({ value: s, label: label(s), n: counts[s] })),
  ];
  return (
    <nav class="tabs" aria-label={ctx.t('email.outbox.filter')}>
      {tabs.map((tab) => (
        <a href={outboxUrl(tab.value)} aria-current={tab.value === status ? 'page' : undefined}>
          {`${tab.label} (${tab.n})`}
        </a>
      ))}
    </nav>
  );
}

function Pager({ ctx, data, status }: Pick<OutboxPageProps, 'ctx' | 'data' | 'status'>) {
  if (data.page === 1 && !data.hasNext) return null;
  return (
    <nav class="pager" aria-label={ctx.t('email.outbox.pages')}>
      {data.page > 1 && (
        <a href={outboxUrl(status, data.page - 1)} rel="prev">
          {ctx.t('email.outbox.newer')}
        </a>
      )}
      <span class="muted">{ctx.t('email.outbox.page', { page: data.page })}</span>
      {data.hasNext && (
        <a href={outboxUrl(status, data.page + 1)} rel="next">
          {ctx.t('email.outbox.older')}
        </a>
      )}
    </nav>
  );
}

function EmailTable({ ctx, data }: Pick<OutboxPageProps, 'ctx' | 'data'>) {
  const t = ctx.t;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('email.outbox.to')}</th>
            <th scope="col">{t('email.outbox.subject')}</th>
            <th scope="col">{t('email.outbox.template')}</th>
            <th scope="col">{t('email.outbox.status')}</th>
            <th scope="col">{t('email.outbox.created')}</th>
            <th scope="col">{t('email.outbox.sent')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((e) => (
            <tr>
              <td>{e.to_address}</td>
              <td>
                <a href={`/admin/emails/${e.id}`}>{e.subject}</a>
              </td>
              <td>
                <TemplateName ctx={ctx} template={e.template} />
              </td>
              <td>
                <StatusBadge ctx={ctx} status={e.status} transport={e.transport} />
              </td>
              <td>
                <DateTime ctx={ctx} iso={e.created_at} />
              </td>
              <td>
                {e.sent_at ? (
                  <DateTime ctx={ctx} iso={e.sent_at} />
                ) : (
                  <span class="muted">{t('email.outbox.notSent')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The outbox: a status filter, one page of emails and the test-email button. */
export function OutboxPage(props: OutboxPageProps) {
  const { ctx, data, status, adminEmail, notice, outboxOnly } = props;
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('email.outbox.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {outboxOnly && <Alert kind="info">{t('email.outbox.outboxOnly')}</Alert>}
      <div class="outbox-head">
        <p class="muted">{t('email.outbox.intro')}</p>
        <Form ctx={ctx} action="/admin/emails/test" class="outbox-test">
          <button type="submit" class="secondary" aria-describedby="test-email-hint">
            {t('email.outbox.test.button')}
          </button>
          <span class="muted" id="test-email-hint">
            {t('email.outbox.test.hint', { email: adminEmail })}
          </span>
        </Form>
      </div>
      <Tabs ctx={ctx} status={status} counts={props.counts} outboxOnly={outboxOnly} />
      {data.rows.length === 0 ? (
        <p class="empty">{t(status ? 'email.outbox.emptyFiltered' : 'email.outbox.empty')}</p>
      ) : (
        <EmailTable ctx={ctx} data={data} />
      )}
      <Pager ctx={ctx} data={data} status={status} />
    </AdminLayout>
  );
}
