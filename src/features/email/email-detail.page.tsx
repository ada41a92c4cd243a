import type { Email } from '../../db/schema.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { isLocale } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { calendarMethod } from './calendar.js';
import { parseStoredHeaders } from './headers.js';
import { DateTime, StatusBadge, TemplateName } from './outbox.page.js';

function transportLabel(ctx: PageContext, transport: string | null): string {
  if (transport === 'smtp') return ctx.t('email.transport.smtp');
  if (transport === 'outbox') return ctx.t('email.transport.outbox');
  return '–';
}

function Meta({ ctx, email }: { ctx: PageContext; email: Email }) {
  const t = ctx.t;
  const headers = Object.entries(parseStoredHeaders(email.headers));
  return (
    <dl class="meta">
      <dt>{t('email.outbox.to')}</dt>
      <dd>{email.to_address}</dd>
      <dt>{t('email.outbox.subject')}</dt>
      <dd>{email.subject}</dd>
      <dt>{t('email.outbox.status')}</dt>
      <dd>
        <StatusBadge ctx={ctx} status={email.status} transport={email.transport} />
      </dd>
      <dt>{t('email.outbox.template')}</dt>
      <dd>
        <TemplateName ctx={ctx} template={email.template} />
      </dd>
      <dt>{t('email.detail.locale')}</dt>
      <dd>{isLocale(email.locale) ? t(`shell.lang.${email.locale}`) : email.locale}</dd>
      <dt>{t('email.outbox.created')}</dt>
      <dd>
        <DateTime ctx={ctx} iso={email.created_at} />
      </dd>
      <dt>{t('email.outbox.sent')}</dt>
      <dd>{email.sent_at ? <DateTime ctx={ctx} iso={email.sent_at} /> : t('email.outbox.notSent')}</dd>
      <dt>{t('email.detail.transport')}</dt>
      <dd>{transportLabel(ctx, email.transport)}</dd>
      <dt>{t('email.detail.messageId')}</dt>
      <dd>{email.message_id ? <code>{email.message_id}</code> : '–'}</dd>
      <dt>{t('email.detail.error')}</dt>
      <dd>{email.error ? <code>{email.error}</code> : '–'}</dd>
      <dt>{t('email.detail.headers')}</dt>
      <dd>
        {headers.length === 0 ? (
          t('email.detail.noHeaders')
        ) : (
          <ul class="plain">
            {headers.map(([name, value]) => (
              <li>
                <code>{`${name}: ${value}`}</code>
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

/** One email: its metadata, the HTML in a sandboxed frame and the text version. */
export function EmailDetailPage({ ctx, email }: { ctx: PageContext; email: Email }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={email.subject}>
      <p>
        <a href="/admin/emails">{t('email.detail.back')}</a>
      </p>
      {email.status === 'queued' && email.error && <Alert kind="info">{t('email.detail.retrying')}</Alert>}
      {email.status === 'failed' && <Alert kind="error">{t('email.detail.failed')}</Alert>}
      <section class="panel" aria-labelledby="email-details">
        <h2 id="email-details">{t('email.detail.details')}</h2>
        <Meta ctx={ctx} email={email} />
      </section>
      <section aria-labelledby="email-preview">
        <h2 id="email-preview">{t('email.detail.preview')}</h2>
        <p class="muted">{t('email.detail.previewNote')}</p>
        <iframe
          class="preview"
          title={t('email.detail.previewFrame')}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          src={`/admin/emails/${email.id}/html`}
          referrerpolicy="no-referrer"
        />
      </section>
      <section aria-labelledby="email-text">
        <h2 id="email-text">{t('email.detail.text')}</h2>
        <pre class="text">{email.text}</pre>
      </section>
      {email.calendar && (
        <section aria-labelledby="email-calendar">
          <h2 id="email-calendar">{t('email.detail.calendar')}</h2>
          <p class="muted">{t('email.detail.calendarNote', { method: calendarMethod(email.calendar) })}</p>
          <pre class="text">{email.calendar}</pre>
        </section>
      )}
    </AdminLayout>
  );
}
