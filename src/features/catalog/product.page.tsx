import type { VNode } from 'preact';
import type { Product } from '../../db/schema.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import { Layout } from '../../web/layout.js';
import { renderMarkdown } from '../../web/markdown.js';
import { BillingCountryField } from '../checkout/billing-country-field.js';
import { ChoiceForm } from '../checkout/choice-step.page.js';
import type { VatPreview } from '../checkout/order-tax.js';
import { CheckoutLegalLinks, OrderSummaryNote, WithdrawalFields } from '../legal/checkout-parts.js';
import type { TaxMode } from '../legal/tax-mode.js';
import type { WithdrawalCase } from '../legal/withdrawal-case.js';
import { coverPath } from './cover-image.js';
import { priceLabel, suggestedAmount } from './price.js';
import type { ProductFileWithVersion } from './queries.js';
import { ProductHead, productDescription } from './seo.js';

/** Where the buyer's address sends what they buy, by kind (a download link unless said otherwise). */
const BUY_EMAIL_HINT: Partial<
  Record<Product['kind'], 'catalog.buy.email.hintCourse' | 'catalog.buy.email.hintPodcast'>
> = {
  course: 'catalog.buy.email.hintCourse',
  podcast: 'catalog.buy.email.hintPodcast',
};

export type ProductPageProps = {
  ctx: PageContext;
  product: Product;
  files: ProductFileWithVersion[];
  publicUrl: string;
  /** An admin looking at a product that may not be published. */
  preview?: boolean;
  /** For the price note above the order button: VAT included, or the § 19 UStG note. */
  taxMode?: TaxMode;
  /** The buy form's preselected country (as on the checkout page) and the VAT it means. */
  billingCountry?: string | undefined;
  vat?: VatPreview | undefined;
  /** The product's withdrawal rule (consent box or no-withdrawal note); digital content unless said. */
  withdrawal?: WithdrawalCase | undefined;
  /** Other features' sections (catalog/product-section.ts), below the description. */
  sections?: readonly (VNode | null)[];
  /** The buy form's choice for kinds that need one (an event's dates and tickets; checkout/choices.ts). */
  choiceField?: VNode | null | undefined;
  /** An affiliate's referral code of this visit: the buy form carries it to checkout (no cookie needed). */
  referral?: string | undefined;
  /** Shown above the product for a visitor who came by a referral (affiliates' consent prompt). */
  referralPrompt?: VNode | null | undefined;
};

/** The buy form; checkout takes it from here (field names are its contract). */
function BuyForm({
  ctx,
  product,
  preview,
  taxMode = 'regular',
  billingCountry,
  vat,
  withdrawal = 'digital',
  choiceField,
  referral,
}: Pick<
  ProductPageProps,
  'ctx' | 'product' | 'preview' | 'taxMode' | 'billingCountry' | 'vat' | 'withdrawal' | 'choiceField' | 'referral'
>) {
  const t = ctx.t;
  const free = product.pricing === 'free';
  // A product that needs a choice is priced on the checkout page, once the choice is made.
  if (choiceField) {
    // A session is booked by picking a time on the next page; an event's date is picked here.
    const label = product.kind === 'booking' ? t('catalog.buy.chooseTime') : undefined;
    return <ChoiceForm ctx={ctx} productId={product.id} field={choiceField} label={label} referral={referral} />;
  }
  return (
    <Form ctx={ctx} action="/checkout" class="buy-form">
      <input type="hidden" name="productId" value={product.id} />
      {referral && <input type="hidden" name="ref" value={referral} />}
      {product.pricing === 'pwyw' && (
        <Field
          name="amount"
          label={t('catalog.buy.amount', { currency: product.currency })}
          value={suggestedAmount(product, ctx.locale)}
          inputmode="decimal"
          required
          hint={
            product.min_price_minor > 0
              ? t('catalog.buy.amount.min', {
                  price: priceLabel(
                    { ...product, pricing: 'fixed', price_minor: product.min_price_minor },
                    t,
                    ctx.locale,
                  ),
                })
              : t('catalog.buy.amount.any')
          }
        />
      )}
      <Field
        name="email"
        type="email"
        label={t('catalog.buy.email')}
        autocomplete="email"
        required
        hint={t(BUY_EMAIL_HINT[product.kind] ?? 'catalog.buy.email.hint')}
      />
      <Field name="name" label={t('catalog.buy.name')} autocomplete="name" />
      {!free && <BillingCountryField ctx={ctx} value={billingCountry} />}
      {!free && (
        <Field
          name="discountCode"
          label={t('catalog.buy.discountCode')}
          autocomplete="off"
          action={
            // The checkout page then shows the price with the code, before anything is ordered.
            <button type="submit" name="step" value="price" class="secondary" formnovalidate>
              {t('catalog.buy.applyCode')}
            </button>
          }
        />
      )}
      {!free && <WithdrawalFields ctx={ctx} withdrawal={withdrawal} />}
      <CheckoutLegalLinks ctx={ctx} />
      {!free && <OrderSummaryNote ctx={ctx} product={product} taxMode={taxMode} vat={vat} withdrawal={withdrawal} />}
      <button type="submit" class="btn-block buy-button" disabled={preview && product.status !== 'published'}>
        {free ? t('catalog.buy.free') : t('catalog.buy.submit')}
      </button>
    </Form>
  );
}

function IncludedFiles({ ctx, files }: { ctx: PageContext; files: ProductFileWithVersion[] }) {
  if (files.length === 0) return null;
  return (
    <section class="included" aria-labelledby="h-included">
      <h2 id="h-included">{ctx.t('catalog.public.included')}</h2>
      <ul class="included-list">
        {files.map((f) => (
          <li>
            <span class="included-name">{f.name}</span>
            <span class="muted">{formatFileSize(f.size_bytes, ctx.locale)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A product's public page: cover, price, buy form, description and what is included. */
export function ProductPage({
  ctx,
  product,
  files,
  publicUrl,
  preview = false,
  taxMode,
  billingCountry,
  vat,
  withdrawal,
  sections = [],
  choiceField,
  referral,
  referralPrompt,
}: ProductPageProps) {
  const t = ctx.t;
  const cover = coverPath(product.cover_key);
  return (
    <Layout
      ctx={ctx}
      title={product.title}
      description={productDescription(product)}
      head={<ProductHead product={product} publicUrl={publicUrl} storeName={ctx.storeName} preview={preview} />}
    >
      {preview && (
        <Alert kind="info">
          {t('catalog.preview.notice', { status: t(`catalog.status.${product.status}`) })}{' '}
          <a href={`/admin/products/${product.id}`}>{t('catalog.preview.back')}</a>
        </Alert>
      )}
      {referralPrompt}
      <article class="product">
        <div class="product-media">
          {cover ? (
            <img class="product-cover" src={cover} alt={t('catalog.cover.alt', { title: product.title })} />
          ) : (
            <div class="product-cover cover-placeholder" aria-hidden="true">
              <span>{product.title.slice(0, 1)}</span>
            </div>
          )}
        </div>
        <div class="product-info">
          <h1>{product.title}</h1>
          {product.summary && <p class="lead">{product.summary}</p>}
          <p class="product-price">{priceLabel(product, t, ctx.locale)}</p>
          <BuyForm
            ctx={ctx}
            product={product}
            preview={preview}
            taxMode={taxMode}
            billingCountry={billingCountry}
            vat={vat}
            withdrawal={withdrawal}
            choiceField={choiceField}
            referral={referral}
          />
          <IncludedFiles ctx={ctx} files={files} />
        </div>
        <div class="product-description">
          {product.description_md.trim() && (
            <section aria-label={t('catalog.public.description')}>
              {/* Rendered from Markdown without raw HTML, then allow-list sanitised. */}
              <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(product.description_md) }} />
            </section>
          )}
          {sections}
        </div>
      </article>
    </Layout>
  );
}
