/**
 * What leaves the store in an export: per table, the columns a creator may
 * take with them, named one by one. Secrets never appear here — password and
 * token hashes, session, access, check-in and manage tokens, TOTP and webhook
 * secrets, settings — and a column added to a table later stays out until it
 * is listed here on purpose.
 */
export type ExportTable = {
  /** The file's name in the archive (`<file>.csv`) and its key in the JSON. */
  file: string;
  table: string;
  /** The primary key's columns, the order the rows are read in (keyset pages). */
  key: readonly string[];
  columns: readonly string[];
};

const t = (file: string, table: string, key: string | string[], columns: string): ExportTable => ({
  file,
  table,
  key: typeof key === 'string' ? [key] : key,
  columns: columns.split(/\s+/).filter(Boolean),
});

export const EXPORT_TABLES: readonly ExportTable[] = [
  t(
    'products',
    'products',
    'id',
    `id slug title kind status summary description_md pricing currency price_minor
    min_price_minor suggested_price_minor position created_at updated_at published_at`,
  ),
  t('product-tax', 'product_tax_settings', 'product_id', 'product_id category place_country updated_at'),
  t('customers', 'customers', 'id', 'id email name locale created_at'),
  t(
    'orders',
    'orders',
    'id',
    `id number customer_id email name locale status currency subtotal_minor discount_minor
    tax_minor total_minor refunded_minor discount_code_id provider provider_ref tax_scheme tax_mode tax_country
    tax_rate_bp billing_country billing_address buyer_vat_id created_at updated_at paid_at refunded_at`,
  ),
  t(
    'order-items',
    'order_items',
    'id',
    'id order_id product_id title unit_price_minor quantity discount_minor tax_minor total_minor',
  ),
  t(
    'invoices',
    'invoices',
    'id',
    `id number kind order_id original_invoice_id year sequence issued_at supply_date locale
    currency mode scheme tax_country buyer_country buyer_vat_id seller buyer lines breakdown net_minor tax_minor gross_minor`,
  ),
  t(
    'discount-codes',
    'discount_codes',
    'id',
    `id code kind percent_off amount_off_minor currency product_id expires_at
    max_redemptions redemptions active created_at`,
  ),
  t(
    'licence-keys',
    'license_keys',
    'id',
    `id display_key order_id order_item_id unit_index product_id activation_limit
    activation_usage uses validity expires_at disabled_at disabled_reason created_at updated_at`,
  ),
  t('licence-activations', 'license_instances', 'id', 'id license_key_id name created_at'),
  t(
    'membership-tiers',
    'membership_tiers',
    'id',
    `id slug name description_md benefits is_free product_id currency
    monthly_price_minor yearly_price_minor position active created_at updated_at`,
  ),
  t(
    'members',
    'members',
    'id',
    'id email name locale customer_id email_status source created_at confirmed_at unsubscribed_at updated_at',
  ),
  t(
    'member-consents',
    'member_consents',
    'id',
    `id member_id purpose text text_version locale source ip user_agent given_at confirmed_at
    withdrawn_at`,
  ),
  t(
    'subscriptions',
    'subscriptions',
    'id',
    `id member_id tier_id interval status cancel_at_period_end price_minor currency
    provider provider_ref provider_customer current_period_start current_period_end access_until failed_payments pending_tier_id
    pending_interval billing_country billing_address buyer_vat_id created_at updated_at canceled_at ended_at adopted_at`,
  ),
  t(
    'posts',
    'posts',
    'id',
    'id slug title excerpt body_md visibility tier_ids send_email status publish_at published_at created_at updated_at',
  ),
  t('courses', 'courses', 'product_id', 'product_id tier_ids study_minutes certificate created_at updated_at'),
  t(
    'course-modules',
    'course_modules',
    'id',
    'id product_id title position unlock_kind unlock_days unlock_at unlock_after_lesson_id created_at',
  ),
  t(
    'course-lessons',
    'course_lessons',
    'id',
    `id product_id module_id slug title body_md free_preview status position completion
    gates_next_module unlock_kind unlock_days unlock_at unlock_after_lesson_id created_at updated_at`,
  ),
  t(
    'course-enrolments',
    'course_enrolments',
    'id',
    `id product_id email name source order_id cohort_id enrolled_at
    first_access_at completed_at revoked_at unlock_all shift_days`,
  ),
  t(
    'lesson-progress',
    'lesson_progress',
    ['enrolment_id', 'lesson_id'],
    `enrolment_id lesson_id position_seconds
    duration_seconds watched_seconds time_spent_seconds first_opened_at completed_at updated_at`,
  ),
  t(
    'events',
    'events',
    'product_id',
    'product_id format venue meeting_url ticket_scope withdrawal_rule sales_end_at offer_hours created_at updated_at',
  ),
  t(
    'event-sessions',
    'event_sessions',
    'id',
    'id product_id starts_at ends_at status sequence recording_url created_at updated_at',
  ),
  t(
    'event-ticket-types',
    'event_ticket_types',
    'id',
    'id product_id name price_minor available_until position created_at',
  ),
  t(
    'event-tickets',
    'event_tickets',
    'id',
    'id product_id session_id ticket_type_id order_id email name locale status created_at updated_at',
  ),
  t(
    'booking-types',
    'booking_types',
    'product_id',
    `product_id duration_minutes buffer_before_minutes buffer_after_minutes
    min_notice_minutes horizon_days daily_cap weekly_cap slot_step_minutes location location_detail questions
    free_cancel_hours created_at updated_at`,
  ),
  t(
    'bookings',
    'bookings',
    'id',
    `id product_id order_id email name locale client_time_zone starts_at ends_at status answers
    cancelled_at created_at updated_at`,
  ),
  t(
    'podcast-shows',
    'podcast_shows',
    'product_id',
    `product_id description author language category subcategory explicit
    tier_ids public_feed created_at updated_at`,
  ),
  t(
    'podcast-episodes',
    'podcast_episodes',
    'id',
    `id show_id guid title summary notes_md season episode_number episode_type
    access status publish_at published_at audio_type audio_size duration_seconds chapters created_at updated_at`,
  ),
  t('effort-entries', 'effort_entries', 'id', 'id product_id day minutes category note created_at'),
  t('client-work', 'client_work', 'id', 'id day minutes amount_minor currency note created_at'),
  t(
    'affiliates',
    'affiliates',
    'id',
    `id code email name status commission_kind commission_percent_bp commission_fixed_minor currency
    cookie_days website note legal_name street postcode city country vat_id tax_number vat_status iban bic
    account_holder tax_details_at created_at approved_at updated_at`,
  ),
  t(
    'affiliate-product-commissions',
    'affiliate_product_commissions',
    ['affiliate_id', 'product_id'],
    'affiliate_id product_id commission_kind commission_percent_bp commission_fixed_minor',
  ),
  t('affiliate-coupons', 'affiliate_coupons', 'discount_code_id', 'discount_code_id affiliate_id'),
  t('order-attributions', 'order_attributions', 'order_id', 'order_id affiliate_id source created_at'),
  t(
    'affiliate-clicks',
    'affiliate_clicks',
    ['affiliate_id', 'product_id', 'day'],
    'affiliate_id product_id day clicks',
  ),
  t(
    'affiliate-commissions',
    'affiliate_commission_entries',
    'id',
    'id affiliate_id order_id order_item_id kind cause amount_minor currency available_at payout_id reason created_at',
  ),
  t(
    'affiliate-payouts',
    'affiliate_payouts',
    'id',
    `id affiliate_id currency amount_minor net_minor vat_minor vat_rate_bp vat_scheme status period
    sepa_batch_id credit_note_number document created_at paid_at paid_by`,
  ),
  t(
    'imported-records',
    'imported_records',
    ['source', 'external_id'],
    'source external_id entity_type entity_id run_id created_at',
  ),
];
