import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Typed tables. Conventions that hold on SQLite and PostgreSQL alike:
 * ids are text (UUIDs made by the app), times are ISO-8601 UTC text (they sort
 * as strings), booleans are integers 0/1, money is integer minor units + currency.
 */
export interface DB {
  settings: SettingsTable;
  admin_users: AdminUsersTable;
  admin_sessions: AdminSessionsTable;
  password_resets: PasswordResetsTable;
  jobs: JobsTable;
  emails: EmailsTable;
  audit_log: AuditLogTable;
  products: ProductsTable;
  product_files: ProductFilesTable;
  file_versions: FileVersionsTable;
  discount_codes: DiscountCodesTable;
  customers: CustomersTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  deliveries: DeliveriesTable;
  downloads: DownloadsTable;
  order_events: OrderEventsTable;
  payment_events: PaymentEventsTable;
  customer_tokens: CustomerTokensTable;
  customer_sessions: CustomerSessionsTable;
  counters: CountersTable;
  test_payment_sessions: TestPaymentSessionsTable;
  license_settings: LicenseSettingsTable;
  license_keys: LicenseKeysTable;
  license_instances: LicenseInstancesTable;
  order_disputes: OrderDisputesTable;
  test_payment_refunds: TestPaymentRefundsTable;
  product_tax_settings: ProductTaxSettingsTable;
  vies_checks: ViesChecksTable;
  invoices: InvoicesTable;
  invoice_documents: InvoiceDocumentsTable;
  order_consents: OrderConsentsTable;
  withdrawals: WithdrawalsTable;
  legal_pages: LegalPagesTable;
  privacy_requests: PrivacyRequestsTable;
  retention_locks: RetentionLocksTable;
  product_legal: ProductLegalTable;
  analytics_orders: AnalyticsOrdersTable;
  analytics_customers: AnalyticsCustomersTable;
  daily_sales: DailySalesTable;
  daily_product_sales: DailyProductSalesTable;
  daily_views: DailyViewsTable;
  daily_checkouts: DailyCheckoutsTable;
  analytics_seen: AnalyticsSeenTable;
  effort_entries: EffortEntriesTable;
  client_work: ClientWorkTable;
  leave_periods: LeavePeriodsTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AdminUsersTable {
  id: string;
  email: string;
  password_hash: string;
  locale: string;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface AdminSessionsTable {
  /** sha256 of the cookie token: a leaked table does not leak sessions. */
  id: string;
  user_id: string;
  /** 0 while a second factor is still owed. */
  verified: Generated<number>;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  /** Optional de-duplication key: enqueueing the same key twice yields one job. */
  unique_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export type EmailStatus = 'queued' | 'sent' | 'failed';

export interface EmailsTable {
  id: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  locale: string;
  status: ColumnType<EmailStatus, EmailStatus | undefined, EmailStatus>;
  /** 'outbox' or 'smtp', set when it was handed over. */
  transport: string | null;
  message_id: string | null;
  error: string | null;
  /** JSON object of extra headers (e.g. List-Unsubscribe). */
  headers: string;
  created_at: string;
  sent_at: string | null;
}

export interface AuditLogTable {
  id: string;
  actor: string;
  action: string;
  detail: string;
  created_at: string;
}

export type Job = Selectable<JobsTable>;
export type NewJob = Insertable<JobsTable>;
export type Email = Selectable<EmailsTable>;
export type AdminUser = Selectable<AdminUsersTable>;
export type AdminUserUpdate = Updateable<AdminUsersTable>;

export type ProductStatus = 'draft' | 'published' | 'archived';
export type Pricing = 'fixed' | 'pwyw' | 'free';

export interface ProductsTable {
  id: string;
  slug: string;
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
  created_at: string;
  updated_at: string;
}

/** 'subscription' is stored for later; until subscriptions exist such keys do not expire. */
export type LicenseValidity = 'forever' | 'days' | 'subscription';

/** A product's licence-key option; no row (or enabled 0): the product issues no keys. */
export interface LicenseSettingsTable {
  product_id: string;
  enabled: Generated<number>;
  /** null: unlimited activations. */
  activation_limit: number | null;
  validity: ColumnType<LicenseValidity, LicenseValidity | undefined, LicenseValidity>;
  validity_days: number | null;
  updated_at: string;
}

export type LicenseDisabledReason = 'refund' | 'dispute' | 'admin';

export interface LicenseKeysTable {
  id: string;
  /** sha256 of the normalised key, UNIQUE: every API lookup goes through it. */
  key_hash: string;
  /** The key as shown to the buyer (XXXXX-XXXXX-XXXXX-XXXXX). */
  display_key: string;
  order_id: string;
  /** UNIQUE with unit_index: one key per purchased unit, the exactly-once guard. */
  order_item_id: string;
  unit_index: number;
  product_id: string;
  /** null: unlimited. */
  activation_limit: number | null;
  /** Active instances; changed only together with license_instances, in one transaction. */
  activation_usage: Generated<number>;
  /** Gumroad-style verification count. */
  uses: Generated<number>;
  validity: LicenseValidity;
  expires_at: string | null;
  disabled_at: string | null;
  disabled_reason: LicenseDisabledReason | null;
  created_at: string;
  updated_at: string;
}

export interface LicenseInstancesTable {
  id: string;
  license_key_id: string;
  name: string;
  created_at: string;
}

export type LicenseSettings = Selectable<LicenseSettingsTable>;
export type LicenseKey = Selectable<LicenseKeysTable>;
export type LicenseInstance = Selectable<LicenseInstancesTable>;

export type DisputeStatus = 'open' | 'won' | 'lost';

/** An order's dispute (one per order: a payment can be disputed once), as the provider last reported it. */
export interface OrderDisputesTable {
  order_id: string;
  provider: string;
  dispute_ref: string;
  status: DisputeStatus;
  amount_minor: number;
  reason: Generated<string>;
  /** The revocation the dispute caused; a dispute won lifts exactly that one. */
  access_revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

export type OrderDispute = Selectable<OrderDisputesTable>;

/** The test provider's refunds; the id is derived from the idempotency key, so a repeated request refunds once. */
export interface TestPaymentRefundsTable {
  id: string;
  session_id: string;
  amount_minor: number;
  created_at: string;
}

/** What a buyer agreed to at checkout, in the words and version shown (§ 356 (5) BGB for digital content). */
export interface OrderConsentsTable {
  id: string;
  order_id: string;
  /** 'digital_content'; UNIQUE with order_id. */
  kind: string;
  text_version: string;
  /** The exact sentence shown, in the buyer's language. */
  text: string;
  locale: string;
  given_at: string;
}

/** 'refunded': refunded at once; 'none': nothing to refund (free or unpaid); 'failed': the provider refused, the creator follows up. */
export type WithdrawalRefund = 'refunded' | 'none' | 'failed';

/** A declaration of withdrawal (§ 356a BGB), one per order (UNIQUE): a repeated submit is one withdrawal. */
export interface WithdrawalsTable {
  id: string;
  order_id: string;
  email: string;
  /** 'form' (order number + email), 'link' (thank-you page or library). */
  source: string;
  refund: WithdrawalRefund;
  received_at: string;
}

export type LegalPageKind = 'privacy' | 'terms' | 'withdrawal' | 'accessibility';

/** An edited legal page; no row: the built-in template is shown (marked as one). */
export interface LegalPagesTable {
  kind: LegalPageKind;
  locale: string;
  body_md: string;
  updated_at: string;
}

export type PrivacyRequestKind = 'export' | 'erasure';
export type PrivacyRequestStatus = 'requested' | 'completed';

/** Data subject requests and how they were handled (Art. 15, 17, 20 GDPR). */
export interface PrivacyRequestsTable {
  id: string;
  kind: PrivacyRequestKind;
  email: string;
  /** 'customer' (from the library) or 'admin'. */
  source: string;
  status: PrivacyRequestStatus;
  detail: Generated<string>;
  requested_at: string;
  handled_at: string | null;
  handled_by: string | null;
}

/** Orders of an erased customer, kept only for the legal retention period, then deleted by a daily job. */
export interface RetentionLocksTable {
  order_id: string;
  keep_until: string;
  reason: string;
  locked_at: string;
}

/** Per-product legal flags: distance learning that needs a licence under the FernUSG. */
export interface ProductLegalTable {
  product_id: string;
  distance_learning: Generated<number>;
  fernusg_licence: Generated<string>;
  updated_at: string;
}

/** A product's VAT category (features/tax/categories.ts); no row: electronically supplied service. */
export interface ProductTaxSettingsTable {
  product_id: string;
  category: string;
  /** Physical events and 1:1 services: where they take place; null: the seller's country. */
  place_country: string | null;
  updated_at: string;
}

/** One VIES consultation: what was asked, what came back, and the consultation number as evidence. */
export interface ViesChecksTable {
  id: string;
  vat_id: string;
  /** 'valid' | 'invalid' | 'unavailable' */
  status: string;
  consultation_number: string | null;
  name: string | null;
  address: string | null;
  error: string | null;
  request: string;
  response: string;
  checked_at: string;
}

/**
 * An issued invoice or credit note: immutable (database triggers refuse UPDATE and DELETE).
 * Amounts are minor units; a credit note's are negative. seller/buyer/lines/breakdown are JSON snapshots.
 */
export interface InvoicesTable {
  id: string;
  /** Prefix + year + gap-free sequence, e.g. RE-2026-00042. */
  number: string;
  /** 'invoice:<order>' or 'credit:<order>': the exactly-once guard of the issuing jobs. */
  unique_key: string;
  kind: 'invoice' | 'credit_note';
  order_id: string;
  original_invoice_id: string | null;
  year: number;
  sequence: number;
  issued_at: string;
  /** The seller's local date of supply (YYYY-MM-DD). */
  supply_date: string;
  locale: string;
  currency: string;
  mode: string;
  scheme: string;
  tax_country: string | null;
  buyer_country: string;
  buyer_vat_id: string | null;
  seller: string;
  buyer: string;
  lines: string;
  breakdown: string;
  net_minor: number;
  tax_minor: number;
  gross_minor: number;
}

/** The rendered files of an invoice (PDF, CII XML), stored once and never replaced. */
export interface InvoiceDocumentsTable {
  invoice_id: string;
  format: 'pdf' | 'cii';
  storage_key: string;
  sha256: string;
  size_bytes: number;
  created_at: string;
}

export type Invoice = Selectable<InvoicesTable>;

/** What the daily aggregates already hold of an order: makes their upkeep idempotent. */
export interface AnalyticsOrdersTable {
  order_id: string;
  currency: string;
  counted_gross_minor: number;
  counted_refunded_minor: Generated<number>;
}

/** A customer's first paid order, so "new customers" per day counts each person once. */
export interface AnalyticsCustomersTable {
  customer_id: string;
  first_paid_at: string;
}

/** Sales per store-local day and currency; refunds count on the day they happen. */
export interface DailySalesTable {
  day: string;
  currency: string;
  gross_minor: Generated<number>;
  refunded_minor: Generated<number>;
  orders: Generated<number>;
  refunds: Generated<number>;
  new_customers: Generated<number>;
}

export interface DailyProductSalesTable {
  day: string;
  product_id: string;
  currency: string;
  gross_minor: Generated<number>;
  refunded_minor: Generated<number>;
  orders: Generated<number>;
  units: Generated<number>;
}

/** Unique visitors of a product page per day, by referrer host and UTM campaign ('' when none). */
export interface DailyViewsTable {
  day: string;
  product_id: string;
  referrer: string;
  campaign: string;
  visitors: Generated<number>;
}

export interface DailyCheckoutsTable {
  day: string;
  product_id: string;
  started: Generated<number>;
}

/** Today's salted visitor hashes (never an IP address); emptied when the daily salt rotates. */
export interface AnalyticsSeenTable {
  day: string;
  visitor: string;
  kind: string;
  product_id: string;
}

export type EffortCategory = 'creation' | 'update' | 'support';

/** Time the creator spent on a product, in whole minutes. */
export interface EffortEntriesTable {
  id: string;
  product_id: string;
  day: string;
  minutes: number;
  category: EffortCategory;
  note: Generated<string>;
  created_at: string;
}

/** 1:1 work: hours and what they were paid, side by side with the products. */
export interface ClientWorkTable {
  id: string;
  day: string;
  minutes: number;
  amount_minor: number;
  currency: string;
  note: Generated<string>;
  created_at: string;
}

export type LeaveKind = 'holiday' | 'sick';

export interface LeavePeriodsTable {
  id: string;
  start_day: string;
  end_day: string;
  kind: LeaveKind;
  note: Generated<string>;
  created_at: string;
}
