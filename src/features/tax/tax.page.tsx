import { formatMoney } from '../../domain/money.js';
import { Alert, Field, Form, Select } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { MessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { TAX_MODES } from './categories.js';
import { countryName, EU_COUNTRIES } from './countries.js';
import type { SmallBusinessWarning } from './small-business.js';

export type TaxPageView = {
  values: Record<string, string>;
  errors?: Record<string, MessageKey>;
  notice?: 'saved' | 'invalid';
  counters: { thisYear: number; lastYear: number; crossThisYear: number; crossLastYear: number };
  warnings: SmallBusinessWarning[];
  ossCrossed: boolean;
  /** Saved settings: whether their contact lets invoices get an XRechnung; undefined before the first save. */
  xrechnung?: boolean | undefined;
};

export function TaxPage({ ctx, view }: { ctx: PageContext; view: TaxPageView }) {
  const { t } = ctx;
  const v = view.values;
  const err = (k: string) => (view.errors?.[k] ? t(view.errors[k]) : undefined);
  const eur = (m: number) => formatMoney(m, 'EUR', ctx.locale);
  const text = (name: string, label: MessageKey, hint?: MessageKey) => (
    <Field name={name} label={t(label)} value={v[name]} error={err(name)} {...(hint ? { hint: t(hint) } : {})} />
  );
  return (
    <AdminLayout ctx={ctx} title={t('tax.title')}>
      {view.notice === 'saved' && <Alert kind="success">{t('tax.saved')}</Alert>}
      {view.notice === 'invalid' && <Alert kind="error">{t('tax.invalid')}</Alert>}
      {view.warnings.map((w) => (
        <Alert kind="info">{t(`tax.warn.${w}`)}</Alert>
      ))}
      {view.ossCrossed && <Alert kind="info">{t('tax.warn.oss')}</Alert>}
      {view.xrechnung === false && <Alert kind="info">{t('tax.warn.noXRechnung')}</Alert>}
      <section class="panel" aria-labelledby="h-counters">
        <h2 id="h-counters">{t('tax.counters')}</h2>
        <table>
          <thead>
            <tr>
              <th />
              <th class="num">{t('tax.counters.thisYear')}</th>
              <th class="num">{t('tax.counters.lastYear')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('tax.counters.total')}</th>
              <td class="num">{eur(view.counters.thisYear)}</td>
              <td class="num">{eur(view.counters.lastYear)}</td>
            </tr>
            <tr>
              <th scope="row">{t('tax.counters.crossBorder')}</th>
              <td class="num">{eur(view.counters.crossThisYear)}</td>
              <td class="num">{eur(view.counters.crossLastYear)}</td>
            </tr>
          </tbody>
        </table>
        <p class="muted">{t('tax.limitation')}</p>
      </section>
      <section class="panel">
        <p class="muted">{t('tax.intro')}</p>
        <Form ctx={ctx} action="/admin/tax">
          <Select
            name="mode"
            label={t('tax.mode')}
            value={v.mode || 'small_business'}
            options={TAX_MODES.map((m) => ({ value: m, label: t(`tax.mode.${m}`) }))}
          />
          <Select
            name="country"
            label={t('tax.country')}
            value={v.country || 'DE'}
            options={EU_COUNTRIES.map((c) => ({ value: c, label: countryName(c, ctx.locale) }))}
          />
          {text('businessName', 'tax.businessName')}
          {text('street', 'tax.street')}
          {text('postcode', 'tax.postcode')}
          {text('city', 'tax.city')}
          {text('taxNumber', 'tax.taxNumber', 'tax.taxId.hint')}
          {text('vatId', 'tax.vatId')}
          {text('invoicePrefix', 'tax.invoicePrefix')}
          <fieldset>
            <legend>{t('tax.contact')}</legend>
            <p class="muted">{t('tax.contact.why')}</p>
            {text('contactName', 'tax.contactName')}
            <Field
              name="contactEmail"
              type="email"
              label={t('tax.contactEmail')}
              value={v.contactEmail}
              error={err('contactEmail')}
              hint={t('tax.contactEmail.hint')}
            />
            <Field
              name="contactPhone"
              type="tel"
              label={t('tax.contactPhone')}
              value={v.contactPhone}
              error={err('contactPhone')}
              hint={t('tax.contactPhone.hint')}
            />
          </fieldset>
          <div class="field">
            <label>
              <input type="checkbox" name="ossOptIn" value="1" checked={v.ossOptIn === '1'} /> {t('tax.ossOptIn')}
            </label>
          </div>
          {text('viesUrl', 'tax.viesUrl', 'tax.viesUrl.hint')}
          {text('datevConsultant', 'tax.datevConsultant')}
          {text('datevClient', 'tax.datevClient')}
          <button type="submit">{t('tax.save')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}
