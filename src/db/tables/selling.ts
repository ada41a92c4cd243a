import type { ColumnType, Generated, Selectable } from 'kysely';

/** Catalogue, discounts, customers, orders, deliveries, payments. */

export type ProductStatus = 'draft' | 'published' | 'archived';
export type Pricing = 'fixed' | 'pwyw' | 'free';
/**
 * 'membership': the product behind a paid membership tier (not listed in the store front).
 * 'course': an online course (features/courses); its files are the course's, not a download.
 * 'event': a live workshop, webinar or group course with dated sessions (features/events).
 * 'booking': a bookable 1:1 session type, booked into the creator's hours (features/bookings).
 * 'podcast': a podcast show (features/podcasts): heard by members of its tiers, or bought as a one-off series.
 */
export type ProductKind = 'download' | 'membership' | 'course' | 'event' | 'booking' | 'podcast';

export interface ProductsTable {
  id: string;
  slug: string;
  kind: ColumnType<ProductKind, ProductKind | undefined, ProductKind>;
  title: string;
  /** One line for cards, meta description and Open Graph. */
  summary: Generated<string>;
  description_md: Generated<string>;
  status: ColumnType<ProductStatus, ProductStatus | undefined, ProductStatus>;
  pricing: Pricing;
  currency: string;
  /** fixed: the price; pwyw/free: 0. */
  price_minor: Generated<number>;
  /** pwyw: the least a buyer may pay (0 allowed). */
  min_price_minor: Generated<number>;
  suggested_price_minor: number | null;
  /** Storage key of the resized cover (WebP). */
  cover_key: string | null;
  position: Generated<number>;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface ProductFilesTable {
  id: string;
  product_id: string;
  /** Name shown to buyers. */
  name: string;
  position: Generated<number>;
  current_version_id: string | null;
  created_at: string;
  deleted_at: string | null;
}

export interface FileVersionsTable {
  id: string;
  file_id: string;
  version: number;
  /** Made by the app, never from a user's file name. */
  storage_key: string;
  /** The download's file name (may be non-ASCII). */
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  note: Generated<string>;
  created_at: string;
}

export type DiscountKind = 'percent' | 'amount';

export interface DiscountCodesTable {
  id: string;
  /** Stored upper-case; matched case-insensitively. */
  code: string;
  kind: DiscountKind;
  percent_off: number | null;
  amount_off_minor: number | null;
  currency: string | null;
  /** null: store-wide. */
  product_id: string | null;
  expires_at: string | null;
  max_redemptions: number | null;
  redemptions: Generated<number>;
  active: Generated<number>;
  created_at: string;
}

export interface CustomersTable {
  id: string;
  email: string;
  name: Generated<string>;
  locale: string;
  created_at: string;
}

/** 'disputed': the buyer's bank is reclaiming the payment (chargeback); access is revoked meanwhile. */
export type OrderStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'refunded' | 'disputed';

export interface OrdersTable {
  id: string;
  /** Human order number, e.g. 2026-000042. */
  number: string;
  customer_id: string;
  email: string;
  name: Generated<string>;
  locale: string;
  status: OrderStatus;
  currency: string;
  subtotal_minor: number;
  discount_minor: Generated<number>;
  total_minor: number;
  refunded_minor: Generated<number>;
  discount_code_id: string | null;
  /** 'test', 'stripe' or 'free'. */
  provider: string;
  /** The provider's checkout/session id. */
  provider_ref: string | null;
  /** Secret that opens the thank-you page without a login. */
  access_key: string;
  created_at: string;
  updated_at: string;
  paid_at: string | null;
  refunded_at: string | null;
  /** VAT included in total_minor, decided at checkout (features/tax/order-tax.ts); 0 without VAT. */
  tax_minor: Generated<number>;
  /** null for orders from before checkout decided tax: invoices decide then. Else a TaxScheme. */
  tax_scheme: ColumnType<string | null, string | null | undefined, string | null>;
  tax_mode: ColumnType<string | null, string | null | undefined, string | null>;
  tax_country: ColumnType<string | null, string | null | undefined, string | null>;
  tax_rate_bp: ColumnType<number | null, number | null | undefined, number | null>;
  /** ISO 3166-1 alpha-2, as the buyer chose it. */
  billing_country: ColumnType<string | null, string | null | undefined, string | null>;
  /** A VAT ID VIES confirmed (business purchase); null for consumers. */
  buyer_vat_id: ColumnType<string | null, string | null | undefined, string | null>;
  vies_check_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON: the location evidence (billing country, IP, Accept-Language country, agreement). */
  tax_evidence: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON { name, street, postcode, city } when the buyer gave one (full invoices over 250 EUR). */
  billing_address: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OrderItemsTable {
  id: string;
  order_id: string;
  product_id: string;
  /** Snapshot of the product title at purchase. */
  title: string;
  unit_price_minor: number;
  quantity: Generated<number>;
  discount_minor: Generated<number>;
  total_minor: number;
  /** VAT included in total_minor. */
  tax_minor: Generated<number>;
}

export interface DeliveriesTable {
  id: string;
  /** UNIQUE: one delivery per purchased item, the exactly-once guard. */
  order_item_id: string;
  order_id: string;
  product_id: string;
  /** null: unlimited. */
  download_limit: number | null;
  download_count: Generated<number>;
  created_at: string;
  revoked_at: string | null;
}

export interface DownloadsTable {
  id: string;
  delivery_id: string;
  file_version_id: string;
  created_at: string;
}

export interface OrderEventsTable {
  id: string;
  order_id: string;
  kind: string;
  detail: Generated<string>;
  created_at: string;
}

export interface PaymentEventsTable {
  id: string;
  provider: string;
  /** The provider's event id; UNIQUE with provider: duplicates are dropped. */
  event_id: string;
  type: string;
  payload: string;
  received_at: string;
  processed_at: string | null;
}

export interface CustomerTokensTable {
  /** sha256 of the emailed token. */
  id: string;
  email: string;
  purpose: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface CustomerSessionsTable {
  id: string;
  email: string;
  created_at: string;
  expires_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export type Product = Selectable<ProductsTable>;
export type ProductFile = Selectable<ProductFilesTable>;
export type FileVersion = Selectable<FileVersionsTable>;
export type DiscountCode = Selectable<DiscountCodesTable>;
export type Customer = Selectable<CustomersTable>;
export type Order = Selectable<OrdersTable>;
export type OrderItem = Selectable<OrderItemsTable>;
export type Delivery = Selectable<DeliveriesTable>;

export type TestPaymentStatus = 'open' | 'paid' | 'declined' | 'processing';

/** The test provider's record of a checkout, standing in for a real provider's server. */
export interface TestPaymentSessionsTable {
  id: string;
  order_id: string;
  amount_minor: number;
  currency: string;
  status: TestPaymentStatus;
  return_url: string;
  refunded_minor: Generated<number>;
  /** The card country the tester picked on the test page (null: none given, reported as unknown). */
  card_country: Generated<string | null>;
  created_at: string;
  updated_at: string;
}
