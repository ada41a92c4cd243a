import type { Product } from '../../db/schema.js';
import { CURRENCY_CODES } from '../../domain/money.js';
import { Alert, Field, Form, Select } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { DEFAULT_TAX_CATEGORY, isTaxCategory, TAX_CATEGORIES } from '../tax/categories.js';
import { countryName, EU_COUNTRIES } from '../tax/countries.js';
import { CoverSection } from './cover-section.js';
import { FilesSection } from './files-section.js';
import { Choice, TextArea } from './form-parts.js';
import { isDownloadCategory, PRODUCT_STATUSES, type ProductForm } from './product-input.js';
import { StatusBadge } from './products.page.js';
import type { ProductFileWithVersion } from './queries.js';

/** Errors are translated texts by field; upload sections use `cover`, `file`, `version:<id>`, `rename:<id>`. */
export type EditorErrors = Partial<Record<string, string>>;

export type EditorView = {
  product?: Product | undefined;
  form: ProductForm;
  errors: EditorErrors;
  files: ProductFileWithVersion[];
  notice?: string | undefined;
  maxUploadBytes: number;
  /** The product has a live file or issues licence keys (a new product: false). */
  deliversSomething: boolean;
  /** The notice already says that the product was published without a file. */
  noticeSaysNoFile?: boolean | undefined;
};

/** An event's prices are its ticket types' (events feature); the form keeps the current values unchanged. */
function TicketPricedNote({ ctx, form, productId }: { ctx: PageContext; form: ProductForm; productId: string }) {
  return (
    <section class="panel" aria-labelledby="h-price">
      <h2 id="h-price">{ctx.t('catalog.section.price')}</h2>
      <p>
        {ctx.t('catalog.pricing.byTickets')}{' '}
        <a href={`/admin/events/${productId}`}>{ctx.t('catalog.pricing.toTickets')}</a>
      </p>
      <input type="hidden" name="pricing" value={form.pricing} />
      <input type="hidden" name="price" value={form.price} />
      <input type="hidden" name="minPrice" value={form.minPrice} />
      <input type="hidden" name="suggestedPrice" value={form.suggestedPrice} />
      <input type="hidden" name="currency" value={form.currency} />
    </section>
  );
}

function PriceSection({ ctx, form, errors }: { ctx: PageContext; form: ProductForm; errors: EditorErrors }) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-price">
      <h2 id="h-price">{t('catalog.section.price')}</h2>
      <fieldset class={errors.pricing ? 'pricing invalid' : 'pricing'}>
        <legend>{t('catalog.field.pricing')}</legend>
        <Choice name="pricing" value="fixed" checked={form.pricing === 'fixed'} label={t('catalog.pricing.fixed')}>
          <div class="choice-fields when-fixed">
            <Field
              name="price"
              label={t('catalog.field.price')}
              value={form.price}
              error={errors.price}
              inputmode="decimal"
              hint={t('catalog.field.amount.hint')}
            />
          </div>
        </Choice>
        <Choice
          name="pricing"
          value="pwyw"
          checked={form.pricing === 'pwyw'}
          label={t('catalog.pricing.pwyw')}
          hint={t('catalog.pricing.pwyw.hint')}
        >
          <div class="choice-fields when-pwyw">
            <Field
              name="minPrice"
              label={t('catalog.field.minPrice')}
              value={form.minPrice}
              error={errors.minPrice}
              inputmode="decimal"
              hint={t('catalog.field.minPrice.hint')}
            />
            <Field
              name="suggestedPrice"
              label={t('catalog.field.suggestedPrice')}
              value={form.suggestedPrice}
              error={errors.suggestedPrice}
              inputmode="decimal"
              hint={t('catalog.field.suggestedPrice.hint')}
            />
          </div>
        </Choice>
        <Choice
          name="pricing"
          value="free"
          checked={form.pricing === 'free'}
          label={t('catalog.pricing.free')}
          hint={t('catalog.pricing.free.hint')}
        />
        {errors.pricing && <p class="error">{errors.pricing}</p>}
      </fieldset>
      <Select
        name="currency"
        label={t('catalog.field.currency')}
        value={form.currency}
        options={CURRENCY_CODES.map((c) => ({ value: c, label: c }))}
      />
      {errors.currency && <p class="error">{errors.currency}</p>}
    </section>
  );
}

function DetailsForm({ ctx, view }: { ctx: PageContext; view: EditorView }) {
  const t = ctx.t;
  const { form, errors } = view;
  const action = view.product ? `/admin/products/${view.product.id}` : '/admin/products/new';
  return (
    <Form ctx={ctx} action={action} class="product-form">
      <section class="panel" aria-labelledby="h-details">
        <h2 id="h-details">{t('catalog.section.details')}</h2>
        <Field name="title" label={t('catalog.field.title')} value={form.title} error={errors.title} required />
        <Field
          name="slug"
          label={t('catalog.field.slug')}
          value={form.slug}
          error={errors.slug}
          hint={t('catalog.field.slug.hint')}
          autocomplete="off"
        />
        <Field
          name="summary"
          label={t('catalog.field.summary')}
          value={form.summary}
          error={errors.summary}
          hint={t('catalog.field.summary.hint')}
        />
        <TextArea
          name="description"
          label={t('catalog.field.description')}
          value={form.description}
          error={errors.description}
          hint={t('catalog.field.description.hint')}
          rows={14}
        />
      </section>
      {view.product?.kind === 'event' ? (
        <TicketPricedNote ctx={ctx} form={form} productId={view.product.id} />
      ) : (
        <PriceSection ctx={ctx} form={form} errors={errors} />
      )}
      <TaxSection ctx={ctx} form={form} errors={errors} />
      <section class="panel" aria-labelledby="h-status">
        <h2 id="h-status">{t('catalog.section.status')}</h2>
        <Select
          name="status"
          label={t('catalog.field.status')}
          value={form.status}
          options={PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`catalog.status.${s}`) }))}
        />
        <p class="hint">{t('catalog.field.status.hint')}</p>
        <NoFileConfirm ctx={ctx} view={view} />
        <div class="actions">
          <button type="submit">{view.product ? t('catalog.save') : t('catalog.create')}</button>
          <a class="btn btn-secondary" href="/admin/products">
            {t('catalog.cancel')}
          </a>
        </div>
      </section>
    </Form>
  );
}

/** Whether buyers of this download would get nothing: no file and no licence keys. */
function nothingToDeliver(view: EditorView): boolean {
  const category = isTaxCategory(view.form.taxCategory) ? view.form.taxCategory : DEFAULT_TAX_CATEGORY;
  return isDownloadCategory(category) && !view.deliversSomething;
}

/** Before a download without a file is published: the warning and the box that confirms publishing anyway. */
function NoFileConfirm({ ctx, view }: { ctx: PageContext; view: EditorView }) {
  const t = ctx.t;
  if (!nothingToDeliver(view) || view.product?.status === 'published') return null;
  const error = view.errors.publishWithoutFile;
  return (
    <div class={error ? 'confirm-box invalid' : 'confirm-box'}>
      <p id="nofile-warning">{t(view.product ? 'catalog.nofile.warning' : 'catalog.nofile.warningNew')}</p>
      <label class="check">
        <input
          type="checkbox"
          name="publishWithoutFile"
          value="1"
          checked={view.form.publishWithoutFile === '1'}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'nofile-warning nofile-error' : 'nofile-warning'}
        />
        <span>{t('catalog.nofile.confirm')}</span>
      </label>
      {error && (
        <p class="error" id="nofile-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The product's VAT category, each explained, and where an event or 1:1 service takes place. */
function TaxSection({ ctx, form, errors }: { ctx: PageContext; form: ProductForm; errors: EditorErrors }) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-tax">
      <h2 id="h-tax">{t('catalog.section.tax')}</h2>
      <fieldset class={errors.taxCategory ? 'pricing invalid' : 'pricing'} aria-describedby="tax-category-hint">
        <legend>{t('catalog.field.taxCategory')}</legend>
        <p class="hint" id="tax-category-hint">
          {t('catalog.field.taxCategory.hint')}
        </p>
        {TAX_CATEGORIES.map((c) => (
          <Choice
            name="taxCategory"
            value={c}
            checked={form.taxCategory === c}
            label={t(`catalog.tax.${c}`)}
            hint={t(`catalog.tax.${c}.hint`)}
          />
        ))}
        {errors.taxCategory && <p class="error">{errors.taxCategory}</p>}
      </fieldset>
      <Select
        name="taxPlace"
        label={t('catalog.field.taxPlace')}
        value={form.taxPlace}
        options={[
          { value: '', label: t('catalog.field.taxPlace.seller') },
          ...EU_COUNTRIES.map((c) => ({ value: c, label: countryName(c, ctx.locale) })),
        ]}
      />
      <p class="hint">{t('catalog.field.taxPlace.hint')}</p>
      {errors.taxPlace && <p class="error">{errors.taxPlace}</p>}
    </section>
  );
}

/** Create or edit a product: details and price; once it exists also its cover and files. */
export function ProductEditorPage({ ctx, view }: { ctx: PageContext; view: EditorView }) {
  const t = ctx.t;
  const p = view.product;
  const hasErrors = Object.keys(view.errors).length > 0;
  return (
    <AdminLayout ctx={ctx} title={p ? p.title : t('catalog.products.new')}>
      {view.notice && <Alert kind="success">{view.notice}</Alert>}
      {hasErrors && <Alert kind="error">{t('form.errors')}</Alert>}
      {p?.status === 'published' && nothingToDeliver(view) && !view.noticeSaysNoFile && (
        <Alert kind="info">{t('catalog.nofile.published')}</Alert>
      )}
      {p && (
        <p class="editor-meta">
          <StatusBadge ctx={ctx} status={p.status} />
          <a href={`/admin/products/${p.id}/preview`}>{t('catalog.preview')}</a>
          {p.status === 'published' && <a href={`/p/${p.slug}`}>{t('catalog.viewInStore')}</a>}
          <a href="/admin/products">{t('catalog.backToList')}</a>
        </p>
      )}
      <div class="editor">
        <DetailsForm ctx={ctx} view={view} />
        {p && (
          <div class="editor-side">
            <CoverSection ctx={ctx} product={p} error={view.errors.cover} />
            {p.kind === 'podcast' ? (
              // A show delivers its episodes (the podcast editor), not files.
              <section class="panel">
                <a href={`/admin/podcasts/${p.id}`}>{t('podcasts.admin.openEditor')}</a>
              </section>
            ) : (
              <FilesSection
                ctx={ctx}
                product={p}
                files={view.files}
                errors={view.errors}
                maxUploadBytes={view.maxUploadBytes}
              />
            )}
          </div>
        )}
      </div>
      {p && <script src="/assets/upload.js" defer />}
    </AdminLayout>
  );
}
