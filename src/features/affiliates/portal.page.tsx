import type { Affiliate } from '../../db/schema.js';
import { Alert, Field, Form, Select } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { CardLayout, Layout } from '../../web/layout.js';
import { type LedgerRow, LedgerTable, money, rateLabel } from './parts.js';
import type { AffiliateFigures } from './queries.js';
import type { TaxDetailsError, TaxDetailsValues } from './tax-details.js';

/** The portal's sign-in: an email address, answered the same whether it belongs to a partner or not. */
export function PartnerSignInPage({ ctx, sent, invalid }: { ctx: PageContext; sent?: boolean; invalid?: boolean }) {
  const t = ctx.t;
  return (
    <CardLayout ctx={ctx} title={t('affiliates.portal.title')}>
      <h1>{t('affiliates.portal.title')}</h1>
      {sent && <Alert kind="success">{t('affiliates.portal.linkSent')}</Alert>}
      {invalid && <Alert kind="error">{t('affiliates.portal.linkInvalid')}</Alert>}
      <p>{t('affiliates.portal.signInIntro')}</p>
      <Form ctx={ctx} action="/partner/login">
        <Field name="email" type="email" label={t('affiliates.field.email')} autocomplete="email" required />
        <button type="submit">{t('affiliates.portal.sendLink')}</button>
      </Form>
      <p>
        <a href="/partner/apply">{t('affiliates.portal.apply')}</a>
      </p>
    </CardLayout>
  );
}

/** The emailed link opens this page; only its button uses the link (mail scanners only look). */
export function PartnerAuthPage({ ctx, token }: { ctx: PageContext; token: string }) {
  const t = ctx.t;
  return (
    <CardLayout ctx={ctx} title={t('affiliates.portal.title')}>
      <h1>{t('affiliates.portal.title')}</h1>
      <p>{t('affiliates.portal.openIntro')}</p>
      <Form ctx={ctx} action={`/partner/auth/${encodeURIComponent(token)}`}>
        <button type="submit">{t('affiliates.portal.open')}</button>
      </Form>
    </CardLayout>
  );
}

export type PartnerLink = { title: string; url: string; qrSvg: string; clicks: number; sales: number };

type Props = {
  ctx: PageContext;
  affiliate: Affiliate;
  figures: AffiliateFigures;
  links: PartnerLink[];
  ledger: LedgerRow[];
  tax: { values: TaxDetailsValues; errors: Partial<Record<keyof TaxDetailsValues, TaxDetailsError>> };
  notice?: string | undefined;
};

function Figures({ ctx, affiliate, figures: f }: Pick<Props, 'ctx' | 'affiliate' | 'figures'>) {
  const t = ctx.t;
  const m = (minor: number) => money(ctx, minor, affiliate.currency);
  const rows: [string, string][] = [
    [t('affiliates.portal.clicks'), String(f.clicks)],
    [t('affiliates.portal.sales'), String(f.sales)],
    [t('affiliates.portal.earned'), m(f.commissionMinor)],
    [t('affiliates.portal.held'), m(f.heldMinor)],
    f.payableMinor < 0
      ? [t('affiliates.portal.carried'), m(f.payableMinor)]
      : [t('affiliates.portal.payable'), m(f.payableMinor)],
    [t('affiliates.portal.paid'), m(f.paidMinor)],
  ];
  // The analytics page's tiles: the same look without styles of our own.
  return (
    <div class="tiles tiles-compact">
      {rows.map(([label, value]) => (
        <div class="tile">
          <div class="l">{label}</div>
          <div class="n">{value}</div>
        </div>
      ))}
    </div>
  );
}

function Links({ ctx, affiliate, links }: Pick<Props, 'ctx' | 'affiliate' | 'links'>) {
  const t = ctx.t;
  return (
    <section aria-labelledby="h-links">
      <h2 id="h-links">{t('affiliates.portal.links')}</h2>
      <p class="muted">{t('affiliates.portal.linksIntro', { days: affiliate.cookie_days })}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('affiliates.col.product')}</th>
              <th scope="col">{t('affiliates.col.link')}</th>
              <th scope="col" class="num">
                {t('affiliates.col.clicks')}
              </th>
              <th scope="col" class="num">
                {t('affiliates.col.sales')}
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr>
                <td>{l.title}</td>
                <td>
                  <figure class="qr" role="img" aria-label={t('affiliates.portal.qr', { title: l.title })}>
                    {/* The SVG is qrcode's own output for our URL: no user-supplied markup. */}
                    <div dangerouslySetInnerHTML={{ __html: l.qrSvg }} />
                  </figure>
                  <code>{l.url}</code>
                </td>
                <td class="num">{l.clicks}</td>
                <td class="num">{l.sales}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const VAT_STATUSES = ['small_business', 'regular', 'not_liable'] as const;

function TaxForm({ ctx, tax }: Pick<Props, 'ctx' | 'tax'>) {
  const t = ctx.t;
  const { values: v, errors: e } = tax;
  const err = (k: keyof TaxDetailsValues) => {
    const code = e[k];
    return code ? t(`affiliates.error.${code}`) : undefined;
  };
  return (
    <section aria-labelledby="h-tax">
      <h2 id="h-tax">{t('affiliates.portal.tax')}</h2>
      <p class="muted">{t('affiliates.portal.taxIntro')}</p>
      <Form ctx={ctx} action="/partner/tax" idPrefix="tax">
        <Field
          name="legalName"
          label={t('affiliates.tax.legalName')}
          value={v.legalName}
          error={err('legalName')}
          required
        />
        <Field name="street" label={t('affiliates.tax.street')} value={v.street} error={err('street')} required />
        <Field
          name="postcode"
          label={t('affiliates.tax.postcode')}
          value={v.postcode}
          error={err('postcode')}
          required
        />
        <Field name="city" label={t('affiliates.tax.city')} value={v.city} error={err('city')} required />
        <Field name="country" label={t('affiliates.tax.country')} value={v.country} error={err('country')} required />
        <Select
          name="vatStatus"
          label={t('affiliates.tax.vatStatus')}
          value={v.vatStatus}
          options={VAT_STATUSES.map((s) => ({ value: s, label: t(`affiliates.tax.vatStatus.${s}`) }))}
        />
        {err('vatStatus') && <p class="error">{err('vatStatus')}</p>}
        <Field name="vatId" label={t('affiliates.tax.vatId')} value={v.vatId} error={err('vatId')} />
        <Field name="taxNumber" label={t('affiliates.tax.taxNumber')} value={v.taxNumber} />
        <Field name="iban" label={t('affiliates.tax.iban')} value={v.iban} error={err('iban')} required />
        <Field name="bic" label={t('affiliates.tax.bic')} value={v.bic} error={err('bic')} />
        <Field
          name="accountHolder"
          label={t('affiliates.tax.accountHolder')}
          value={v.accountHolder}
          error={err('accountHolder')}
          required
        />
        <button type="submit">{t('affiliates.portal.taxSave')}</button>
      </Form>
    </section>
  );
}

/** The signed-in partner's portal: figures, links with QR codes, the ledger, payouts, tax details. */
export function PartnerPage({ ctx, affiliate, figures, links, ledger, tax, notice }: Props) {
  const t = ctx.t;
  const hasErrors = Object.keys(tax.errors).length > 0;
  return (
    <Layout ctx={ctx} title={t('affiliates.portal.title')}>
      <h1>{t('affiliates.portal.hello', { name: affiliate.name })}</h1>
      {notice && <Alert kind="success">{notice}</Alert>}
      {hasErrors && <Alert kind="error">{t('affiliates.error.required')}</Alert>}
      {affiliate.status === 'suspended' && <Alert kind="info">{t('affiliates.portal.suspended')}</Alert>}
      <p>
        {t('affiliates.portal.code', { code: affiliate.code })} ·{' '}
        {t('affiliates.portal.rate', { rate: rateLabel(ctx, affiliate) })}
      </p>
      <section aria-labelledby="h-figures">
        <h2 id="h-figures">{t('affiliates.portal.figures')}</h2>
        <Figures ctx={ctx} affiliate={affiliate} figures={figures} />
        <p>
          <a href="/partner/payouts">{t('affiliates.portal.payouts')}</a>
        </p>
      </section>
      <Links ctx={ctx} affiliate={affiliate} links={links} />
      <section aria-labelledby="h-history">
        <h2 id="h-history">{t('affiliates.portal.history')}</h2>
        <LedgerTable ctx={ctx} rows={ledger} />
      </section>
      <TaxForm ctx={ctx} tax={tax} />
      <Form ctx={ctx} action="/partner/logout" idPrefix="out">
        <button type="submit" class="secondary">
          {t('affiliates.portal.signOut')}
        </button>
      </Form>
    </Layout>
  );
}

/** The form's values from the stored details (before anything was posted). */
export function storedTaxValues(a: Affiliate): TaxDetailsValues {
  return {
    legalName: a.legal_name,
    street: a.street,
    postcode: a.postcode,
    city: a.city,
    country: a.country,
    vatStatus: a.vat_status,
    vatId: a.vat_id ?? '',
    taxNumber: a.tax_number ?? '',
    iban: a.iban,
    bic: a.bic ?? '',
    accountHolder: a.account_holder,
  };
}
