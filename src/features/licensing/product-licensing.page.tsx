import { Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { FormErrors, ProductLicensingInput } from './admin-forms.js';
import { Notice } from './admin-parts.js';

type Props = {
  ctx: PageContext;
  product: { id: string; title: string };
  input: ProductLicensingInput;
  errors: FormErrors;
  notice?: string | undefined;
};

const VALIDITIES = ['forever', 'days', 'subscription'] as const;

/** A product's licence-key option: on/off, activations per key, validity. */
export function ProductLicensingPage({ ctx, product, input, errors, notice }: Props) {
  const t = ctx.t;
  const error = (name: string) => {
    const key = errors[name];
    return key ? t(key) : undefined;
  };
  const validity = input.validity ?? 'forever';
  return (
    <AdminLayout ctx={ctx} title={t('licensing.product.title', { product: product.title })}>
      <Notice text={notice} />
      <p>
        <a href="/admin/licenses">← {t('licensing.detail.back')}</a> ·{' '}
        <a href={`/admin/products/${product.id}`}>{t('licensing.product.edit')}</a>
      </p>
      <section class="panel">
        <Form ctx={ctx} action={`/admin/products/${product.id}/licensing`} class="stack">
          <div class="check">
            <input id="f-enabled" type="checkbox" name="enabled" value="1" checked={input.enabled === '1'} />
            <div>
              <label for="f-enabled">{t('licensing.product.enabled')}</label>
              <p class="hint">{t('licensing.product.enabledHint')}</p>
            </div>
          </div>
          <Field
            name="activation_limit"
            type="number"
            label={t('licensing.product.limit')}
            value={input.activation_limit}
            error={error('activation_limit')}
            hint={t('licensing.product.limitHint')}
            inputmode="numeric"
          />
          <fieldset class="choice">
            <legend>{t('licensing.product.validity')}</legend>
            {VALIDITIES.map((v) => (
              <div class="check">
                <input id={`f-validity-${v}`} type="radio" name="validity" value={v} checked={validity === v} />
                <label for={`f-validity-${v}`}>{t(`licensing.validity.${v}`)}</label>
              </div>
            ))}
            <p class="hint">{t('licensing.product.subscriptionNote')}</p>
          </fieldset>
          <Field
            name="validity_days"
            type="number"
            label={t('licensing.product.days')}
            value={input.validity_days}
            error={error('validity_days')}
            inputmode="numeric"
          />
          <p class="muted">{t('licensing.product.existing')}</p>
          <button type="submit">{t('licensing.product.save')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}
