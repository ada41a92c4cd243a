import type { DiscountCode } from '../../db/schema.js';
import { CURRENCY_CODES } from '../../domain/money.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { DiscountField, DiscountFormErrors, DiscountFormInput, ProductChoice } from './discount-form.js';
import { DiscountStateBadge, usedText } from './discounts.page.js';

export type DiscountFormView = {
  input: DiscountFormInput;
  errors: DiscountFormErrors;
  products: ProductChoice[];
  /** Editing an existing code; absent for a new one. */
  existing?: DiscountCode | undefined;
  now: string;
  notice?: string | undefined;
};

type Errors = Partial<Record<DiscountField, string>>;

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p class="error" id={`${id}-err`}>
      {error}
    </p>
  ) : null;
}

function describedBy(id: string, error: string | undefined, hint: boolean): string | undefined {
  return [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
}

function SelectField(props: {
  name: DiscountField;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  error?: string | undefined;
}) {
  const id = `f-${props.name}`;
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.error, false)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={id} error={props.error} />
    </div>
  );
}

function DateField({
  label,
  hint,
  value,
  error,
}: {
  label: string;
  hint: string;
  value: string;
  error?: string | undefined;
}) {
  const id = 'f-expiresOn';
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name="expiresOn"
        type="date"
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, true)}
      />
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <ErrorText id={id} error={error} />
    </div>
  );
}

/** Percent or fixed amount: two radios, each with its own inputs (no script needed). */
function KindFieldset({ ctx, input, errors }: { ctx: PageContext; input: DiscountFormInput; errors: Errors }) {
  const t = ctx.t;
  return (
    <fieldset class={errors.kind ? 'choice invalid' : 'choice'}>
      <legend>{t('discounts.form.kind')}</legend>
      <ErrorText id="f-kind" error={errors.kind} />
      <div class="choice-option">
        <label class="check">
          <input type="radio" name="kind" value="percent" checked={input.kind === 'percent'} />
          <span>{t('discounts.form.kind.percent')}</span>
        </label>
        <Field
          name="percent"
          label={t('discounts.form.percent')}
          value={input.percent}
          error={errors.percent}
          hint={t('discounts.form.percentHint')}
          inputmode="numeric"
        />
      </div>
      <div class="choice-option">
        <label class="check">
          <input type="radio" name="kind" value="amount" checked={input.kind === 'amount'} />
          <span>{t('discounts.form.kind.amount')}</span>
        </label>
        <div class="field-row">
          <Field
            name="amount"
            label={t('discounts.form.amount')}
            value={input.amount}
            error={errors.amount}
            hint={t('discounts.form.amountHint')}
            inputmode="decimal"
          />
          <SelectField
            name="currency"
            label={t('discounts.form.currency')}
            value={input.currency}
            error={errors.currency}
            options={CURRENCY_CODES.map((c) => ({ value: c, label: c }))}
          />
        </div>
      </div>
    </fieldset>
  );
}

function translateErrors(ctx: PageContext, errors: DiscountFormErrors): Errors {
  const out: Errors = {};
  for (const [field, e] of Object.entries(errors)) if (e) out[field as DiscountField] = ctx.t(e.key, e.params);
  return out;
}

function Summary({ ctx, code, now }: { ctx: PageContext; code: DiscountCode; now: string }) {
  const t = ctx.t;
  return (
    <dl class="meta">
      <dt>{t('discounts.detail.state')}</dt>
      <dd>
        <DiscountStateBadge ctx={ctx} code={code} now={now} />
      </dd>
      <dt>{t('discounts.detail.used')}</dt>
      <dd>{usedText(ctx, code)}</dd>
      <dt>{t('discounts.detail.created')}</dt>
      <dd>{formatDateTime(code.created_at, ctx.locale, ctx.timeZone)}</dd>
    </dl>
  );
}

/** Create or edit a code; an existing code also shows its use and the on/off switch. */
export function DiscountFormPage({ ctx, view }: { ctx: PageContext; view: DiscountFormView }) {
  const t = ctx.t;
  const { input, existing } = view;
  const errors = translateErrors(ctx, view.errors);
  const hasErrors = Object.keys(errors).length > 0;
  const title = existing ? t('discounts.edit', { code: existing.code }) : t('discounts.new');
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a href="/admin/discounts">{t('discounts.back')}</a>
      </p>
      {view.notice && <Alert kind="success">{view.notice}</Alert>}
      {hasErrors && <Alert kind="error">{t('discounts.form.fixErrors')}</Alert>}
      {existing && (
        <section class="panel" aria-label={t('discounts.detail.state')}>
          <Summary ctx={ctx} code={existing} now={view.now} />
          <Form ctx={ctx} action={`/admin/discounts/${existing.id}/active`} class="inline-action">
            <input type="hidden" name="active" value={existing.active === 1 ? '0' : '1'} />
            <button type="submit" class="secondary" aria-describedby="deactivate-hint">
              {t(existing.active === 1 ? 'discounts.deactivate' : 'discounts.activate')}
            </button>
            <span class="muted" id="deactivate-hint">
              {t('discounts.deactivateHint')}
            </span>
          </Form>
        </section>
      )}
      <Form ctx={ctx} action={existing ? `/admin/discounts/${existing.id}` : '/admin/discounts'} class="panel">
        <Field
          name="code"
          label={t('discounts.form.code')}
          value={input.code}
          error={errors.code}
          hint={t('discounts.form.codeHint')}
          required
          autocomplete="off"
        />
        <KindFieldset ctx={ctx} input={input} errors={errors} />
        <SelectField
          name="productId"
          label={t('discounts.form.product')}
          value={input.productId}
          error={errors.productId}
          options={[
            { value: '', label: t('discounts.allProducts') },
            ...view.products.map((p) => ({ value: p.id, label: `${p.title} (${p.currency})` })),
          ]}
        />
        <DateField
          label={t('discounts.form.expires')}
          hint={t('discounts.form.expiresHint', { zone: ctx.timeZone })}
          value={input.expiresOn}
          error={errors.expiresOn}
        />
        <Field
          name="maxRedemptions"
          label={t('discounts.form.max')}
          value={input.maxRedemptions}
          error={errors.maxRedemptions}
          hint={t('discounts.form.maxHint')}
          inputmode="numeric"
        />
        <label class="check">
          <input type="checkbox" name="active" value="on" checked={input.active !== undefined} />
          <span>{t('discounts.form.active')}</span>
        </label>
        <div class="actions">
          <button type="submit">{t(existing ? 'discounts.form.save' : 'discounts.form.create')}</button>
          <a href="/admin/discounts">{t('discounts.form.cancel')}</a>
        </div>
      </Form>
    </AdminLayout>
  );
}
