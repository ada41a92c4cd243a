import { Alert, Field, type FieldErrors, Form, Select } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { LOCALES } from '../../web/i18n.js';
import { CardLayout } from '../../web/layout.js';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { CURRENCIES } from '../settings/store-settings.js';

export type SetupValues = {
  code: string;
  email: string;
  storeName: string;
  locale: string;
  currency: string;
  demo: boolean;
};

export function SetupPage({ ctx, values, errors }: { ctx: PageContext; values: SetupValues; errors: FieldErrors }) {
  const t = ctx.t;
  return (
    <CardLayout ctx={ctx} title={t('setup.title')}>
      <div class="logo-mark" aria-hidden="true">
        V
      </div>
      <h1>{t('setup.title')}</h1>
      <p class="muted">{t('setup.intro')}</p>
      {Object.keys(errors).length > 0 && <Alert kind="error">{t('form.errors')}</Alert>}
      <Form ctx={ctx} action="/setup">
        <Field
          name="code"
          label={t('setup.code')}
          value={values.code}
          hint={t('setup.code.hint')}
          error={errors.code}
          required
          autocomplete="off"
        />
        <Field
          name="email"
          type="email"
          label={t('setup.ownerEmail')}
          value={values.email}
          error={errors.email}
          required
          autocomplete="username"
        />
        <Field
          name="password"
          type="password"
          label={t('setup.password')}
          error={errors.password}
          hint={t('auth.password.hint', { min: MIN_PASSWORD_LENGTH })}
          required
          autocomplete="new-password"
        />
        <Field
          name="storeName"
          label={t('setup.storeName')}
          value={values.storeName}
          error={errors.storeName}
          required
        />
        <Select
          name="locale"
          label={t('setup.language')}
          value={values.locale}
          options={LOCALES.map((l) => ({ value: l, label: t(`shell.lang.${l}`) }))}
        />
        <Select
          name="currency"
          label={t('setup.currency')}
          value={values.currency}
          options={CURRENCIES.map((c) => ({ value: c, label: c }))}
        />
        <div class="check">
          <input type="checkbox" id="f-demo" name="demo" value="1" checked={values.demo} />
          <label for="f-demo">{t('setup.demo')}</label>
        </div>
        <button type="submit" class="btn-block">
          {t('setup.submit')}
        </button>
      </Form>
    </CardLayout>
  );
}
