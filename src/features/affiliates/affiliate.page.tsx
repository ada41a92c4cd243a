import type { Affiliate } from '../../db/schema.js';
import { Alert, Field, type FieldErrors, Form, Select } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { CommissionValues } from './commission-form.js';
import { type LedgerRow, LedgerTable, money } from './parts.js';
import type { AffiliateFigures } from './queries.js';

type Props = {
  ctx: PageContext;
  affiliate: Affiliate;
  figures: AffiliateFigures;
  products: { id: string; title: string }[];
  coupons: { id: string; code: string }[];
  values: CommissionValues;
  errors: FieldErrors;
  ledger: LedgerRow[];
  notice?: string | undefined;
};

function OverrideRows({ ctx, products, values, errors }: Pick<Props, 'ctx' | 'products' | 'values' | 'errors'>) {
  const t = ctx.t;
  const kinds = [
    { value: '', label: t('affiliates.field.kind.none') },
    { value: 'percent', label: t('affiliates.field.kind.percent') },
    { value: 'fixed', label: t('affiliates.field.kind.fixed') },
  ];
  return (
    <fieldset>
      <legend>{t('affiliates.admin.overrides')}</legend>
      <p class="hint">{t('affiliates.admin.overridesHint')}</p>
      {products.map((p) => {
        const o = values.overrides[p.id] ?? { kind: '', value: '' };
        return (
          <div class="override-row">
            <Select name={`o.${p.id}.kind`} label={p.title} value={o.kind} options={kinds} />
            <Field
              name={`o.${p.id}.value`}
              label={`${p.title}: ${t('affiliates.field.value')}`}
              value={o.value}
              error={errors[`o.${p.id}.value`]}
              inputmode="decimal"
            />
          </div>
        );
      })}
    </fieldset>
  );
}

/** The country's name in the page's language ("Österreich"), the code if the runtime has none. */
const countryName = (ctx: PageContext, code: string) =>
  new Intl.DisplayNames([ctx.locale], { type: 'region', fallback: 'code' }).of(code) ?? code;

/** The tax details as the partner saved them (the form's labels without their hints). */
function TaxDetails({ ctx, a }: { ctx: PageContext; a: Affiliate }) {
  const t = ctx.t;
  if (!a.tax_details_at) return <p class="muted">{t('affiliates.admin.taxMissing')}</p>;
  return (
    <dl class="meta">
      <dt>{t('affiliates.tax.legalName')}</dt>
      <dd>{a.legal_name}</dd>
      <dt>{t('affiliates.tax.shown.address')}</dt>
      <dd>
        {a.street}, {a.postcode} {a.city}, {countryName(ctx, a.country)}
      </dd>
      <dt>{t('affiliates.tax.vatStatus')}</dt>
      <dd>{t(`affiliates.tax.vatStatus.${a.vat_status}`)}</dd>
      {a.vat_id && (
        <>
          <dt>{t('affiliates.tax.shown.vatId')}</dt>
          <dd>{a.vat_id}</dd>
        </>
      )}
      {a.tax_number && (
        <>
          <dt>{t('affiliates.tax.shown.taxNumber')}</dt>
          <dd>{a.tax_number}</dd>
        </>
      )}
      <dt>{t('affiliates.tax.iban')}</dt>
      <dd>
        <code>{a.iban}</code> ({a.account_holder})
      </dd>
    </dl>
  );
}

/** One affiliate: commission and per-product overrides, coupon, application, tax details, ledger. */
export function AffiliatePage({
  ctx,
  affiliate: a,
  figures,
  products,
  coupons,
  values,
  errors,
  ledger,
  notice,
}: Props) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={a.name}>
      <p>
        <a href="/admin/affiliates">{t('affiliates.admin.back')}</a>
      </p>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p>
        {a.email} · {a.code} · {t(`affiliates.status.${a.status}`)} · {t('affiliates.col.payable')}:{' '}
        {money(ctx, figures.payableMinor, a.currency)} · {t('affiliates.col.held')}:{' '}
        {money(ctx, figures.heldMinor, a.currency)}
      </p>
      {(a.website || a.note) && (
        <section aria-labelledby="h-application">
          <h2 id="h-application">{t('affiliates.admin.application')}</h2>
          <p>{a.website}</p>
          <p>{a.note}</p>
        </section>
      )}
      <section aria-labelledby="h-commission">
        <h2 id="h-commission">{t('affiliates.admin.commission')}</h2>
        <Form ctx={ctx} action={`/admin/affiliates/${a.id}/commission`}>
          <Select
            name="kind"
            label={t('affiliates.field.kind')}
            value={values.kind}
            options={[
              { value: 'percent', label: t('affiliates.field.kind.percent') },
              { value: 'fixed', label: t('affiliates.field.kind.fixed') },
            ]}
          />
          <Field
            name="percent"
            label={t('affiliates.field.percent')}
            value={values.percent}
            error={errors.percent}
            inputmode="decimal"
          />
          <Field
            name="fixed"
            label={t('affiliates.field.fixed', { currency: a.currency })}
            value={values.fixed}
            error={errors.fixed}
            inputmode="decimal"
          />
          <Field
            name="cookieDays"
            label={t('affiliates.field.cookieDays')}
            value={values.cookieDays}
            error={errors.cookieDays}
            inputmode="numeric"
          />
          <Select
            name="coupon"
            label={t('affiliates.field.coupon')}
            value={values.coupon}
            options={[
              { value: '', label: t('affiliates.field.coupon.none') },
              ...coupons.map((c) => ({ value: c.id, label: c.code })),
            ]}
          />
          <OverrideRows ctx={ctx} products={products} values={values} errors={errors} />
          <button type="submit">{t('affiliates.admin.commissionSave')}</button>
        </Form>
      </section>
      <section aria-labelledby="h-tax">
        <h2 id="h-tax">{t('affiliates.admin.taxDetails')}</h2>
        <TaxDetails ctx={ctx} a={a} />
      </section>
      <section aria-labelledby="h-ledger">
        <h2 id="h-ledger">{t('affiliates.admin.ledger')}</h2>
        <LedgerTable ctx={ctx} rows={ledger} />
      </section>
    </AdminLayout>
  );
}
