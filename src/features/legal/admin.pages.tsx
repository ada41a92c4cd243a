import type { LegalPageKind, WithdrawalRefund } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime, LOCALES, type Locale } from '../../web/i18n.js';
import type { MessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { IMPRESSUM_FIELDS, type Impressum } from './impressum.js';
import { EDITABLE_PAGES } from './legal-pages.js';

export type LegalOverview = {
  edited: { kind: string; locale: string; updated_at: string }[];
  impressumMissing: string[];
  withdrawals: {
    order_id: string;
    number: string;
    email: string;
    refund: WithdrawalRefund;
    received_at: string;
    /** Null: declared on the public form, waiting for the buyer's click. */
    confirmed_at: string | null;
    total_minor: number;
    currency: string;
  }[];
  /** Products flagged as licensed distance learning without a licence number. */
  fernusgWarnings: { id: string; title: string }[];
  /** Products, each with a link to its legal flags (FernUSG). */
  products: { id: string; title: string }[];
};

const PAGE_LABEL: Record<LegalPageKind, MessageKey> = {
  privacy: 'legal.page.privacy',
  terms: 'legal.page.terms',
  withdrawal: 'legal.page.withdrawal',
  accessibility: 'legal.page.accessibility',
};

/** Admin → Legal: the pages and their state, the withdrawals received, warnings. */
export function LegalAdminPage({ ctx, data, notice }: { ctx: PageContext; data: LegalOverview; notice?: string }) {
  const t = ctx.t;
  const fieldLabel = (k: string) => t(`legal.impressum.${k}` as MessageKey);
  return (
    <AdminLayout ctx={ctx} title={t('legal.admin.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {data.fernusgWarnings.map((p) => (
        <Alert kind="error">
          {t('legal.fernusg.warning', { title: p.title })}{' '}
          <a href={`/admin/products/${p.id}/legal`}>{t('legal.fernusg.link')}</a>
        </Alert>
      ))}
      <p class="muted">{t('legal.admin.intro')}</p>
      <p>
        <a href="/admin/privacy">{t('privacy.admin.title')}</a>
      </p>
      <section class="panel">
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('legal.admin.page')}</th>
                <th>{t('legal.admin.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t('legal.page.impressum')}</td>
                <td>
                  {data.impressumMissing.length > 0
                    ? t('legal.impressum.missing', { fields: data.impressumMissing.map(fieldLabel).join(', ') })
                    : '✓'}
                </td>
                <td>
                  <a href="/admin/legal/impressum">{t('legal.admin.edit')}</a> ·{' '}
                  <a href="/impressum">{t('legal.admin.view')}</a>
                </td>
              </tr>
              {EDITABLE_PAGES.flatMap((kind) =>
                LOCALES.map((locale) => {
                  const row = data.edited.find((e) => e.kind === kind && e.locale === locale);
                  return (
                    <tr>
                      <td>
                        {t(PAGE_LABEL[kind])} ({t(`shell.lang.${locale}`)})
                      </td>
                      <td>
                        {row
                          ? t('legal.admin.edited', { date: formatDateTime(row.updated_at, ctx.locale, ctx.timeZone) })
                          : t('legal.admin.template')}
                      </td>
                      <td>
                        <a href={`/admin/legal/pages/${kind}/${locale}`}>{t('legal.admin.edit')}</a>
                      </td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </div>
      </section>
      {data.products.length > 0 && (
        <section class="panel" aria-labelledby="h-fernusg">
          <h2 id="h-fernusg">{t('legal.fernusg.title')}</h2>
          <ul>
            {data.products.map((p) => (
              <li>
                <a href={`/admin/products/${p.id}/legal`}>{p.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="panel" aria-labelledby="h-withdrawals">
        <h2 id="h-withdrawals">{t('legal.admin.withdrawals')}</h2>
        {data.withdrawals.length === 0 ? (
          <p class="muted">{t('legal.admin.withdrawals.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('legal.admin.withdrawals.received')}</th>
                  <th>{t('legal.admin.withdrawals.order')}</th>
                  <th>{t('legal.withdraw.email')}</th>
                  <th>{t('legal.admin.withdrawals.refund')}</th>
                </tr>
              </thead>
              <tbody>
                {data.withdrawals.map((w) => (
                  <tr>
                    <td>{formatDateTime(w.received_at, ctx.locale, ctx.timeZone)}</td>
                    <td>
                      <a href={`/admin/orders/${w.order_id}`}>{w.number}</a> ·{' '}
                      {formatMoney(w.total_minor, w.currency, ctx.locale)}
                    </td>
                    <td>{w.email}</td>
                    <td>{w.confirmed_at ? t(`legal.admin.refund.${w.refund}`) : t('legal.admin.refund.awaiting')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </AdminLayout>
  );
}

type EditProps = {
  ctx: PageContext;
  kind: LegalPageKind;
  locale: Locale;
  body: string;
  template: boolean;
  error?: string;
};

/** Editing one legal page in one language (Markdown). */
export function LegalEditPage({ ctx, kind, locale, body, template, error }: EditProps) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={`${t(PAGE_LABEL[kind])} (${t(`shell.lang.${locale}`)})`}>
      <p>
        <a href="/admin/legal">← {t('legal.admin.back')}</a>
      </p>
      {template && <Alert kind="info">{t('legal.template.notice')}</Alert>}
      <section class="panel">
        <Form ctx={ctx} action={`/admin/legal/pages/${kind}/${locale}`} class="stack">
          <div class={error ? 'field invalid' : 'field'}>
            <label for="f-body">{t('legal.admin.body')}</label>
            <textarea id="f-body" name="body" rows={28} aria-invalid={error ? 'true' : undefined}>
              {body}
            </textarea>
            <p class="hint">{t('legal.admin.language', { language: t(`shell.lang.${locale}`) })}</p>
            {error && <p class="error">{error}</p>}
          </div>
          <button type="submit">{t('legal.admin.save')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}

type ImpressumProps = { ctx: PageContext; values: Impressum; errors?: Partial<Record<keyof Impressum, string>> };

/** § 5 DDG as a guided form. */
export function ImpressumEditPage({ ctx, values, errors = {} }: ImpressumProps) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('legal.impressum.title')}>
      <p>
        <a href="/admin/legal">← {t('legal.admin.back')}</a>
      </p>
      <p class="muted">{t('legal.impressum.intro')}</p>
      <section class="panel">
        <Form ctx={ctx} action="/admin/legal/impressum" class="stack">
          {IMPRESSUM_FIELDS.map((k) =>
            k === 'address' ? (
              <div class="field">
                <label for="f-address">{t('legal.impressum.address')}</label>
                <textarea id="f-address" name="address" rows={3}>
                  {values.address}
                </textarea>
              </div>
            ) : (
              <Field
                name={k}
                type={k === 'email' ? 'email' : k === 'contactForm' ? 'url' : k === 'phone' ? 'tel' : 'text'}
                label={t(`legal.impressum.${k}`)}
                value={values[k]}
                error={errors[k]}
                hint={k === 'phone' ? t('legal.impressum.fastContact') : undefined}
              />
            ),
          )}
          <button type="submit">{t('legal.impressum.save')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}
