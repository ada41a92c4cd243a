import { Alert, Field, Form, Select } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { LOCALES } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

export type AccountView = {
  locale: string;
  twoFactor: 'off' | 'enrolling' | 'on';
  enrolment?: { qrDataUrl: string; secret: string };
  notice?: string;
  errors?: { language?: string; currentPassword?: string; newPassword?: string; code?: string; disable?: string };
};

export function AccountPage({ ctx, view }: { ctx: PageContext; view: AccountView }) {
  const t = ctx.t;
  const e = view.errors ?? {};
  return (
    <AdminLayout ctx={ctx} title={t('auth.account.title')}>
      {view.notice && <Alert kind="success">{view.notice}</Alert>}
      <section class="panel" aria-labelledby="h-2fa">
        <h2 id="h-2fa">{t('auth.account.2fa.title')}</h2>
        <TwoFactorSection ctx={ctx} view={view} />
      </section>
      <section class="panel" aria-labelledby="h-password">
        <h2 id="h-password">{t('auth.account.password.title')}</h2>
        <Form ctx={ctx} action="/admin/account/password">
          <Field
            name="currentPassword"
            type="password"
            label={t('auth.account.password.current')}
            error={e.currentPassword}
            required
            autocomplete="current-password"
          />
          <Field
            name="newPassword"
            type="password"
            label={t('auth.account.password.new')}
            error={e.newPassword}
            hint={t('auth.password.hint', { min: MIN_PASSWORD_LENGTH })}
            required
            autocomplete="new-password"
          />
          <button type="submit">{t('auth.account.password.save')}</button>
        </Form>
      </section>
      <section class="panel" aria-labelledby="h-language">
        <h2 id="h-language">{t('auth.account.language')}</h2>
        <Form ctx={ctx} action="/admin/account/language">
          <Select
            name="locale"
            label={t('auth.account.language')}
            value={view.locale}
            options={LOCALES.map((l) => ({ value: l, label: t(`shell.lang.${l}`) }))}
          />
          <button type="submit">{t('auth.account.language.save')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}

function TwoFactorSection({ ctx, view }: { ctx: PageContext; view: AccountView }) {
  const t = ctx.t;
  const e = view.errors ?? {};
  if (view.twoFactor === 'on') {
    return (
      <>
        <p>{t('auth.account.2fa.on')}</p>
        <p class="muted">{t('auth.account.2fa.disableHint')}</p>
        {e.disable && <Alert kind="error">{e.disable}</Alert>}
        <Form ctx={ctx} action="/admin/account/2fa/disable">
          <Field name="password" type="password" label={t('auth.password')} required autocomplete="current-password" />
          <Field name="code" label={t('auth.2fa.code')} required autocomplete="one-time-code" inputmode="numeric" />
          <button type="submit" class="danger">
            {t('auth.account.2fa.disable')}
          </button>
        </Form>
      </>
    );
  }
  if (view.twoFactor === 'enrolling' && view.enrolment) {
    return (
      <>
        <p>{t('auth.account.2fa.scan')}</p>
        <img src={view.enrolment.qrDataUrl} alt={t('auth.account.2fa.qr')} width={200} height={200} />
        <p>
          {t('auth.account.2fa.secret')}: <code>{view.enrolment.secret}</code>
        </p>
        <Form ctx={ctx} action="/admin/account/2fa/confirm">
          <Field
            name="code"
            label={t('auth.2fa.code')}
            error={e.code}
            required
            autocomplete="one-time-code"
            inputmode="numeric"
          />
          <button type="submit">{t('auth.account.2fa.confirm')}</button>
        </Form>
      </>
    );
  }
  return (
    <>
      <p>{t('auth.account.2fa.off')}</p>
      <Form ctx={ctx} action="/admin/account/2fa/start">
        <button type="submit">{t('auth.account.2fa.start')}</button>
      </Form>
    </>
  );
}
