import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDay } from '../../web/format.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { localDay } from '../analytics/time-zone.js';
import { API_SCOPES, parseScopes } from './scopes.js';
import type { TokenForm, TokenFormErrors } from './token-input.js';
import type { listApiTokens } from './tokens.js';

type Props = {
  ctx: PageContext;
  tokens: Awaited<ReturnType<typeof listApiTokens>>;
  form?: TokenForm | undefined;
  errors?: TokenFormErrors | undefined;
  notice?: string | undefined;
};

function ScopeChoice({ ctx, form, error }: { ctx: PageContext; form?: TokenForm | undefined; error?: string }) {
  return (
    <fieldset class={error ? 'invalid' : undefined} aria-describedby={error ? 'scopes-err' : undefined}>
      <legend>{ctx.t('api.admin.field.scopes')}</legend>
      {API_SCOPES.map((scope) => {
        const id = `f-scope-${scope.replace(/\W/g, '-')}`;
        return (
          <div class="check">
            <input type="checkbox" id={id} name="scopes" value={scope} checked={form?.scopes.includes(scope)} />
            <label for={id}>
              {ctx.t(`api.admin.scope.${scope}`)} <code>{scope}</code>
            </label>
          </div>
        );
      })}
      {error && (
        <p class="error" id="scopes-err">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The store's API tokens (never their secrets) and the form for a new one. */
export function ApiTokensPage({ ctx, tokens, form, errors = {}, notice }: Props) {
  const when = (iso: string | null, none: string) => (iso ? formatDateTime(iso, ctx.locale, ctx.timeZone) : none);
  // Stored is the first instant it no longer works; people chose (and read) the last day it does.
  const lastDay = (iso: string | null) =>
    iso
      ? ctx.t('api.admin.through', {
          day: formatDay(localDay(new Date(Date.parse(iso) - 1), ctx.timeZone), ctx.locale),
        })
      : ctx.t('api.admin.never');
  const err = (key: keyof TokenFormErrors) => {
    const k = errors[key];
    return k ? ctx.t(k) : undefined;
  };
  return (
    <AdminLayout ctx={ctx} title={ctx.t('api.admin.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="muted">
        {ctx.t('api.admin.intro')} <a href="/api/v1/docs">{ctx.t('api.admin.reference')}</a>
      </p>
      {tokens.length === 0 ? (
        <p class="empty">{ctx.t('api.admin.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t('api.admin.field.name')}</th>
              <th scope="col">{ctx.t('api.admin.prefix')}</th>
              <th scope="col">{ctx.t('api.admin.field.scopes')}</th>
              <th scope="col">{ctx.t('api.admin.lastUsed')}</th>
              <th scope="col">{ctx.t('api.admin.expires')}</th>
              <th scope="col">{ctx.t('api.admin.status')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>
                  <code>{t.display_prefix}…</code>
                </td>
                <td>{parseScopes(t.scopes).join(', ')}</td>
                <td>{when(t.last_used_at, ctx.t('api.admin.never'))}</td>
                <td>{lastDay(t.expires_at)}</td>
                <td>
                  {t.revoked_at ? (
                    ctx.t('api.admin.revokedAt', { at: when(t.revoked_at, '') })
                  ) : (
                    <Form ctx={ctx} action={`/admin/api-tokens/${t.id}/revoke`} class="inline">
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={ctx.t('api.admin.revokeLabel', { name: t.name })}
                      >
                        {ctx.t('api.admin.revoke')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="new-token">{ctx.t('api.admin.new')}</h2>
      <Form ctx={ctx} action="/admin/api-tokens">
        <Field name="name" label={ctx.t('api.admin.field.name')} value={form?.name} error={err('name')} required />
        <ScopeChoice ctx={ctx} form={form} error={err('scopes')} />
        <Field
          name="expires"
          type="date"
          label={ctx.t('api.admin.field.expires')}
          hint={ctx.t('api.admin.field.expiresHint')}
          value={form?.expires}
          error={err('expires')}
        />
        <button type="submit">{ctx.t('api.admin.create')}</button>
      </Form>
    </AdminLayout>
  );
}

/** The new token, shown this once: only its hash is kept. */
export function NewTokenPage({ ctx, name, token }: { ctx: PageContext; name: string; token: string }) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('api.admin.created.title')}>
      <Alert kind="info">{ctx.t('api.admin.created.once')}</Alert>
      <p>{ctx.t('api.admin.created.for', { name })}</p>
      <label for="new-token-value">{ctx.t('api.admin.created.token')}</label>
      <input id="new-token-value" type="text" readonly value={token} class="token" />
      <p class="actions">
        <a href="/admin/api-tokens">← {ctx.t('api.admin.title')}</a>
      </p>
    </AdminLayout>
  );
}
