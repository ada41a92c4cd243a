import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { CardLayout } from '../../web/layout.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

type LoginProps = { ctx: PageContext; email?: string; error?: string; notice?: string; next?: string };

export function LoginPage({ ctx, email, error, notice, next }: LoginProps) {
  return (
    <CardLayout ctx={ctx} title={ctx.t('auth.login.title')}>
      <div class="logo-mark" aria-hidden="true">
        V
      </div>
      <h1>{ctx.t('auth.login.title')}</h1>
      <p class="muted">{ctx.t('auth.login.intro')}</p>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      <Form ctx={ctx} action="/admin/login">
        {next && <input type="hidden" name="next" value={next} />}
        <Field
          name="email"
          type="email"
          label={ctx.t('auth.email')}
          value={email}
          required
          autocomplete="username"
          autofocus
        />
        <Field
          name="password"
          type="password"
          label={ctx.t('auth.password')}
          required
          autocomplete="current-password"
        />
        <button type="submit" class="btn-block">
          {ctx.t('auth.login.submit')}
        </button>
      </Form>
      <p class="actions">
        <a href="/admin/password-reset">{ctx.t('auth.login.forgot')}</a>
      </p>
    </CardLayout>
  );
}

export function SecondFactorPage({ ctx, error }: { ctx: PageContext; error?: string }) {
  return (
    <CardLayout ctx={ctx} title={ctx.t('auth.2fa.title')}>
      <h1>{ctx.t('auth.2fa.title')}</h1>
      <p class="muted">{ctx.t('auth.2fa.intro')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      <Form ctx={ctx} action="/admin/login/2fa">
        <Field
          name="code"
          label={ctx.t('auth.2fa.code')}
          required
          autocomplete="one-time-code"
          inputmode="numeric"
          autofocus
        />
        <button type="submit" class="btn-block">
          {ctx.t('auth.2fa.submit')}
        </button>
      </Form>
    </CardLayout>
  );
}

export function RequestResetPage({ ctx, sent, error }: { ctx: PageContext; sent?: boolean; error?: string }) {
  return (
    <CardLayout ctx={ctx} title={ctx.t('auth.reset.title')}>
      <h1>{ctx.t('auth.reset.title')}</h1>
      {sent ? (
        <Alert kind="success">{ctx.t('auth.reset.sent')}</Alert>
      ) : (
        <>
          <p class="muted">{ctx.t('auth.reset.intro')}</p>
          <Form ctx={ctx} action="/admin/password-reset">
            <Field
              name="email"
              type="email"
              label={ctx.t('auth.email')}
              required
              autocomplete="username"
              error={error}
            />
            <button type="submit" class="btn-block">
              {ctx.t('auth.reset.submit')}
            </button>
          </Form>
        </>
      )}
      <p class="actions">
        <a href="/admin/login">{ctx.t('auth.back')}</a>
      </p>
    </CardLayout>
  );
}

export function ChoosePasswordPage({
  ctx,
  token,
  error,
  invalid,
}: {
  ctx: PageContext;
  token: string;
  error?: string;
  invalid?: boolean;
}) {
  return (
    <CardLayout ctx={ctx} title={ctx.t('auth.reset.choose')}>
      <h1>{ctx.t('auth.reset.choose')}</h1>
      {invalid ? (
        <>
          <Alert kind="error">{ctx.t('auth.reset.invalidLink')}</Alert>
          <p class="actions">
            <a class="btn" href="/admin/password-reset">
              {ctx.t('auth.reset.submit')}
            </a>
          </p>
        </>
      ) : (
        <Form ctx={ctx} action={`/admin/password-reset/${encodeURIComponent(token)}`}>
          <Field
            name="password"
            type="password"
            label={ctx.t('auth.reset.newPassword')}
            required
            autocomplete="new-password"
            error={error}
            hint={ctx.t('auth.password.hint', { min: MIN_PASSWORD_LENGTH })}
          />
          <button type="submit" class="btn-block">
            {ctx.t('auth.reset.save')}
          </button>
        </Form>
      )}
    </CardLayout>
  );
}
