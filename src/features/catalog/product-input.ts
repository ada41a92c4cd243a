import type { Pricing, ProductStatus } from '../../db/schema.js';
import { formatAmountInput, isCurrencyCode, readAmount } from '../../domain/money.js';
import { amountErrorKey } from '../../web/amount-errors.js';
import type { MessageKey } from '../../web/messages.js';
import { DEFAULT_TAX_CATEGORY, TAX_CATEGORIES, type TaxCategory } from '../tax/categories.js';
import { isEuCountry } from '../tax/countries.js';
import type { ProductTax } from '../tax/product-tax.js';
import { isValidSlug, MAX_SLUG_LENGTH } from './slug.js';

export const PRICINGS = ['fixed', 'pwyw', 'free'] as const satisfies readonly Pricing[];
export const PRODUCT_STATUSES = ['draft', 'published', 'archived'] as const satisfies readonly ProductStatus[];

/** The product form as typed: every field is text. */
export type ProductForm = {
  title: string;
  slug: string;
  summary: string;
  description: string;
  pricing: string;
  currency: string;
  price: string;
  minPrice: string;
  suggestedPrice: string;
  status: string;
  /** VAT category (tax/categories.ts); empty: unchanged on an existing product, the default on a new one. */
  taxCategory: string;
  /** Where an event or 1:1 service takes place (EU country); empty: the seller's country. */
  taxPlace: string;
  /** "1": publish although buyers would get nothing to download (the editor asks for it). */
  publishWithoutFile: string;
};

/** A checked product, money in minor units. An empty slug means "make one from the title". */
export type ProductInput = {
  title: string;
  slug: string;
  summary: string;
  descriptionMd: string;
  pricing: Pricing;
  currency: string;
  priceMinor: number;
  minPriceMinor: number;
  suggestedPriceMinor: number | null;
  status: ProductStatus;
  /** Undefined: the form did not say (the stored category stays). */
  tax: ProductTax | undefined;
};

export type ProductFormErrors = Partial<Record<keyof ProductForm, MessageKey>>;

export const MAX_TITLE = 120;
export const MAX_SUMMARY = 200;
export const MAX_DESCRIPTION = 50_000;

function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Checks the form (pure: no I/O); errors are message keys for the page to translate. */
export function checkProductForm(
  form: ProductForm,
  /** The admin's language: how amounts are written ("12,50" in German). */
  locale: string,
): { ok: true; input: ProductInput } | { ok: false; errors: ProductFormErrors } {
  const errors: ProductFormErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = 'catalog.error.titleRequired';
  else if (title.length > MAX_TITLE) errors.title = 'catalog.error.titleTooLong';

  const slug = form.slug.trim().toLowerCase();
  if (slug && !isValidSlug(slug))
    errors.slug = slug.length > MAX_SLUG_LENGTH ? 'catalog.error.slugTooLong' : 'catalog.error.slugInvalid';

  const summary = form.summary.replace(/\s+/g, ' ').trim();
  if (summary.length > MAX_SUMMARY) errors.summary = 'catalog.error.summaryTooLong';
  if (form.description.length > MAX_DESCRIPTION) errors.description = 'catalog.error.descriptionTooLong';

  const pricing = oneOf(PRICINGS, form.pricing);
  if (!pricing) errors.pricing = 'catalog.error.pricing';
  const currency = form.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) errors.currency = 'catalog.error.currency';
  const status = oneOf(PRODUCT_STATUSES, form.status) ?? 'draft';

  const categoryText = form.taxCategory.trim();
  const category = categoryText ? oneOf(TAX_CATEGORIES, categoryText) : undefined;
  if (categoryText && !category) errors.taxCategory = 'catalog.error.taxCategory';
  const place = form.taxPlace.trim().toUpperCase();
  if (place && !isEuCountry(place)) errors.taxPlace = 'catalog.error.taxPlace';

  let priceMinor = 0;
  let minPriceMinor = 0;
  let suggestedPriceMinor: number | null = null;
  const cur = isCurrencyCode(currency) ? currency : 'EUR';
  if (pricing === 'fixed') {
    const p = form.price.trim() ? readAmount(form.price, cur, locale) : undefined;
    if (p === undefined) errors.price = 'catalog.error.priceRequired';
    else if (!p.ok) errors.price = amountErrorKey(p.reason, cur);
    else if (p.minor === 0) errors.price = 'catalog.error.priceZero';
    else priceMinor = p.minor;
  } else if (pricing === 'pwyw') {
    const min = form.minPrice.trim() ? readAmount(form.minPrice, cur, locale) : { ok: true as const, minor: 0 };
    if (!min.ok) errors.minPrice = amountErrorKey(min.reason, cur);
    else minPriceMinor = min.minor;
    if (form.suggestedPrice.trim()) {
      const s = readAmount(form.suggestedPrice, cur, locale);
      if (!s.ok) errors.suggestedPrice = amountErrorKey(s.reason, cur);
      else if (min.ok && s.minor < min.minor) errors.suggestedPrice = 'catalog.error.suggestedBelowMin';
      else suggestedPriceMinor = s.minor;
    }
  }

  if (Object.keys(errors).length > 0 || !pricing) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title,
      slug,
      summary,
      descriptionMd: form.description.replace(/\r\n/g, '\n'),
      pricing,
      currency,
      priceMinor,
      minPriceMinor,
      suggestedPriceMinor,
      status,
      tax: category ? { category, placeCountry: isEuCountry(place) ? place : null } : undefined,
    },
  };
}

/** Products that are bought to be downloaded: without a file (or licence key) buyers get nothing. */
export function isDownloadCategory(category: TaxCategory): boolean {
  return category === 'electronic_service' || category === 'e_publication';
}

/**
 * Whether saving needs the explicit "publish without a file" confirmation: the
 * product becomes published, is a download, and has nothing to deliver yet.
 */
export function publishNeedsConfirmation(opts: {
  wasPublished: boolean;
  input: Pick<ProductInput, 'status'>;
  category: TaxCategory;
  deliversSomething: boolean;
  confirmed: boolean;
}): boolean {
  return (
    opts.input.status === 'published' &&
    !opts.wasPublished &&
    isDownloadCategory(opts.category) &&
    !opts.deliversSomething &&
    !opts.confirmed
  );
}

/** The product columns the form sets. */
export function productColumns(input: ProductInput) {
  return {
    title: input.title,
    summary: input.summary,
    description_md: input.descriptionMd,
    status: input.status,
    pricing: input.pricing,
    currency: input.currency,
    price_minor: input.priceMinor,
    min_price_minor: input.minPriceMinor,
    suggested_price_minor: input.suggestedPriceMinor,
  };
}

/** The form as shown for an existing product, amounts as the admin writes them ("12,50" in German). */
export function formFromProduct(
  p: {
    title: string;
    slug: string;
    summary: string;
    description_md: string;
    pricing: Pricing;
    currency: string;
    price_minor: number;
    min_price_minor: number;
    suggested_price_minor: number | null;
    status: ProductStatus;
  },
  locale: string,
  tax: ProductTax,
): ProductForm {
  return {
    title: p.title,
    slug: p.slug,
    summary: p.summary,
    description: p.description_md,
    pricing: p.pricing,
    currency: p.currency,
    price: p.pricing === 'fixed' ? formatAmountInput(p.price_minor, p.currency, locale) : '',
    minPrice: p.pricing === 'pwyw' ? formatAmountInput(p.min_price_minor, p.currency, locale) : '',
    suggestedPrice:
      p.pricing === 'pwyw' && p.suggested_price_minor !== null
        ? formatAmountInput(p.suggested_price_minor, p.currency, locale)
        : '',
    status: p.status,
    taxCategory: tax.category,
    taxPlace: tax.placeCountry ?? '',
    publishWithoutFile: '',
  };
}

export function emptyForm(currency: string): ProductForm {
  return {
    title: '',
    slug: '',
    summary: '',
    description: '',
    pricing: 'fixed',
    currency,
    price: '',
    minPrice: '',
    suggestedPrice: '',
    status: 'draft',
    taxCategory: DEFAULT_TAX_CATEGORY,
    taxPlace: '',
    publishWithoutFile: '',
  };
}
