import type { PrivacyRequestsTable } from '../../db/schema.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import { AdminLayout } from '../admin/admin-layout.js';

/** Library → Your data: download everything, or ask for erasure. */
export function LibraryDataPage({ ctx, sentAt }: { ctx: PageContext; sentAt?: string | undefined }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('privacy.library.title')}>
      <section class="panel" aria-labelledby="h-data">
        <h1 id="h-data">{t('privacy.library.title')}</h1>
        <p>
          <a class="btn btn-secondary" href="/library/data/export" download>
            {t('privacy.library.export')}
          </a>
        </p>
        <p class="hint">{t('privacy.library.exportHint')}</p>
        <h2>{t('privacy.library.erase')}</h2>
        <p class="hint">{t('privacy.library.eraseHint')}</p>
        {sentAt ? (
          <Alert kind="success">
            {t('privacy.library.eraseSent', { date: formatDateTime(sentAt, ctx.locale, ctx.timeZone) })}
          </Alert>
        ) : (
          <Form ctx={ctx} action="/library/data/erase">
            <button type="submit" class="secondary">
              {t('privacy.library.eraseConfirm')}
            </button>
          </Form>
        )}
      </section>
    </Layout>
  );
}

type Request = Pick<
  PrivacyRequestsTable,
  'id' | 'kind' | 'email' | 'status' | 'requested_at' | 'handled_at' | 'handled_by'
>;

/** Admin → Privacy requests: what was asked, what was done, and erasure by address. */
export function PrivacyAdminPage({
  ctx,
  requests,
  notice,
}: {
  ctx: PageContext;
  requests: Request[];
  notice?: string;
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('privacy.admin.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="muted">{t('privacy.admin.intro')}</p>
      <section class="panel">
        {requests.length === 0 ? (
          <p class="muted">{t('privacy.admin.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('privacy.admin.requested')}</th>
                  <th>{t('privacy.admin.kind')}</th>
                  <th>{t('privacy.admin.email')}</th>
                  <th>{t('privacy.admin.status')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr>
                    <td>{formatDateTime(r.requested_at, ctx.locale, ctx.timeZone)}</td>
                    <td>{t(`privacy.admin.kind.${r.kind}`)}</td>
                    <td>{r.email}</td>
                    <td>
                      {t(`privacy.admin.status.${r.status}`)}
                      {r.handled_at &&
                        ` · ${formatDateTime(r.handled_at, ctx.locale, ctx.timeZone)} · ${r.handled_by ?? ''}`}
                    </td>
                    <td>
                      {r.kind === 'erasure' && r.status === 'requested' && (
                        <Form ctx={ctx} action="/admin/privacy/erase">
                          <input type="hidden" name="email" value={r.email} />
                          <button type="submit">{t('privacy.admin.execute')}</button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="panel">
        <h2>{t('privacy.admin.eraseEmail')}</h2>
        <Form ctx={ctx} action="/admin/privacy/erase">
          <Field name="email" type="email" label={t('privacy.admin.email')} required />
          <button type="submit">{t('privacy.admin.eraseButton')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}
