import type { BookingType, Product } from '../../db/schema.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { Choice } from '../catalog/form-parts.js';
import { fieldError, Input, Radios, TextArea } from '../events/admin-parts.js';
import { type DetailsForm, type FormErrors, LOCATIONS, type SettingsForm, settingsFormOf } from './type-input.js';

/** The form that was sent and refused: which, what was typed, the errors by field. */
export type FailedTypeForm = { form: 'details' | 'settings'; values: Record<string, string>; errors: FormErrors };

export type TypeEditorProps = {
  ctx: PageContext;
  product: Product;
  type: BookingType;
  /** The details form as stored (amounts written the admin's way). */
  details: DetailsForm;
  failed?: FailedTypeForm | undefined;
  notice?: string | undefined;
};

function valuesOf<T extends Record<string, string>>(failed: FailedTypeForm | undefined, id: string, stored: T): T {
  return failed?.form === id ? { ...stored, ...failed.values } : stored;
}
const errorsOf = (failed: FailedTypeForm | undefined, id: string) => (failed?.form === id ? failed.errors : undefined);

/** A session type: its product details and price (the catalogue's checks), then its booking settings. */
export function BookingTypeEditorPage(props: TypeEditorProps) {
  const { ctx, product, failed, notice } = props;
  return (
    <AdminLayout ctx={ctx} title={product.title}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {failed && <Alert kind="error">{ctx.t('bookings.admin.error.form')}</Alert>}
      <p class="actions">
        <a href="/admin/bookings">{ctx.t('bookings.admin.backToBookings')}</a>
        <a href="/admin/bookings/types">{ctx.t('bookings.admin.types')}</a>
        <a href="/admin/bookings/availability">{ctx.t('bookings.admin.availability')}</a>
        <a href={`/admin/products/${product.id}/preview`}>{ctx.t('bookings.admin.preview')}</a>
      </p>
      <DetailsSection {...props} />
      <SettingsSection {...props} />
    </AdminLayout>
  );
}

function DetailsSection({ ctx, product, details, failed }: TypeEditorProps) {
  const v = valuesOf(failed, 'details', details);
  const errors = errorsOf(failed, 'details');
  const e = (k: string) => fieldError(ctx, errors, k);
  const t = ctx.t;
  return (
    <section aria-labelledby="h-details" class="panel">
      <h2 id="h-details">{t('bookings.admin.details')}</h2>
      <Form ctx={ctx} action={`/admin/bookings/types/${product.id}/details`} idPrefix="details">
        <Input name="title" label={t('bookings.admin.field.title')} value={v.title} error={e('title')} required />
        <Input name="summary" label={t('bookings.admin.field.summary')} value={v.summary} error={e('summary')} />
        <TextArea
          name="description"
          label={t('bookings.admin.field.description')}
          hint={t('bookings.admin.hint.description')}
          value={v.description}
          rows={8}
          error={e('description')}
        />
        <fieldset class={errors?.pricing ? 'pricing invalid' : 'pricing'}>
          <legend>{t('catalog.field.pricing')}</legend>
          <Choice name="pricing" value="fixed" checked={v.pricing === 'fixed'} label={t('catalog.pricing.fixed')}>
            <div class="choice-fields when-fixed">
              <Field
                name="price"
                label={`${t('catalog.field.price')} (${product.currency})`}
                value={v.price}
                error={e('price')}
                inputmode="decimal"
                hint={t('catalog.field.amount.hint')}
              />
            </div>
          </Choice>
          <Choice
            name="pricing"
            value="free"
            checked={v.pricing === 'free'}
            label={t('catalog.pricing.free')}
            hint={t('catalog.pricing.free.hint')}
          />
          {e('pricing') && <p class="error">{e('pricing')}</p>}
        </fieldset>
        <Radios
          name="status"
          legend={t('bookings.admin.col.status')}
          value={v.status}
          options={(['draft', 'published', 'archived'] as const).map((s) => ({
            value: s,
            label: t(`catalog.status.${s}`),
            hint: t(`bookings.admin.statusHint.${s}`),
          }))}
          error={e('status')}
        />
        <button type="submit">{t('bookings.admin.save')}</button>
      </Form>
    </section>
  );
}

function SettingsSection({ ctx, product, type, failed }: TypeEditorProps) {
  const v: SettingsForm = valuesOf(failed, 'settings', settingsFormOf(type));
  const errors = errorsOf(failed, 'settings');
  const e = (k: string) => fieldError(ctx, errors, k);
  const t = ctx.t;
  const num = (name: keyof SettingsForm, hint?: string, required?: boolean) => (
    <Input
      name={name}
      label={t(`bookings.admin.field.${name}` as 'bookings.admin.field.duration')}
      value={v[name]}
      error={e(name)}
      hint={hint}
      inputmode="numeric"
      class="field-number"
      {...(required ? { required } : {})}
    />
  );
  return (
    <section aria-labelledby="h-settings" class="panel">
      <h2 id="h-settings">{t('bookings.admin.settings')}</h2>
      <Form ctx={ctx} action={`/admin/bookings/types/${product.id}/settings`} idPrefix="settings">
        <fieldset>
          <legend>{t('bookings.admin.times')}</legend>
          <div class="booking-number-grid">
            {num('duration', t('bookings.admin.hint.duration'), true)}
            {num('step', t('bookings.admin.hint.step'))}
            {num('bufferBefore', t('bookings.admin.hint.buffer'))}
            {num('bufferAfter', t('bookings.admin.hint.buffer'))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('bookings.admin.limits')}</legend>
          <div class="booking-number-grid">
            {num('noticeHours', t('bookings.admin.hint.noticeHours'))}
            {num('horizonDays', t('bookings.admin.hint.horizonDays'))}
            {num('dailyCap', t('bookings.admin.hint.dailyCap'))}
            {num('weeklyCap', t('bookings.admin.hint.weeklyCap'))}
            {num('cancelHours', t('bookings.admin.hint.cancelHours'))}
          </div>
        </fieldset>
        <Radios
          name="location"
          legend={t('bookings.admin.field.location')}
          value={v.location}
          error={e('location')}
          options={LOCATIONS.map((l) => ({
            value: l,
            label: t(`bookings.admin.location.${l}`),
            hint: t(`bookings.admin.locationHint.${l}`),
          }))}
        />
        <Input
          name="meetingUrl"
          type="url"
          label={t('bookings.admin.field.meetingUrl')}
          value={v.meetingUrl}
          error={e('meetingUrl')}
        />
        <Input
          name="phoneNote"
          label={t('bookings.admin.field.phoneNote')}
          value={v.phoneNote}
          error={e('phoneNote')}
        />
        <TextArea
          name="address"
          label={t('bookings.admin.field.address')}
          value={v.address}
          rows={3}
          error={e('address')}
        />
        <TextArea
          name="questions"
          label={t('bookings.admin.field.questions')}
          hint={t('bookings.admin.hint.questions')}
          value={v.questions}
          rows={5}
          error={e('questions')}
        />
        <button type="submit">{t('bookings.admin.save')}</button>
      </Form>
    </section>
  );
}
