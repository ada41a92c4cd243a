import { Alert, Field, type FieldErrors, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { CardLayout } from '../../web/layout.js';

export type ApplyValues = { name: string; email: string; website: string; note: string };

/** /partner/apply: the public application form. */
export function ApplyPage({
  ctx,
  values,
  errors,
  done,
}: {
  ctx: PageContext;
  values: ApplyValues;
  errors: FieldErrors;
  done?: boolean;
}) {
  const t = ctx.t;
  return (
    <CardLayout ctx={ctx} title={t('affiliates.apply.title')}>
      <h1>{t('affiliates.apply.title')}</h1>
      {done ? (
        <Alert kind="success">{t('affiliates.apply.thanks')}</Alert>
      ) : (
        <>
          <p>{t('affiliates.apply.intro', { store: ctx.storeName })}</p>
          <Form ctx={ctx} action="/partner/apply">
            <Field name="name" label={t('affiliates.field.name')} value={values.name} error={errors.name} required />
            <Field
              name="email"
              type="email"
              label={t('affiliates.field.email')}
              value={values.email}
              error={errors.email}
              autocomplete="email"
              required
            />
            <Field
              name="website"
              label={t('affiliates.field.website')}
              value={values.website}
              error={errors.website}
              required
            />
            <Field name="note" label={t('affiliates.field.note')} value={values.note} />
            <button type="submit">{t('affiliates.apply.submit')}</button>
          </Form>
        </>
      )}
    </CardLayout>
  );
}
