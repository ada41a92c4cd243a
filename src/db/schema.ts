import type { Kysely, Transaction } from 'kysely';
import type { AffiliatePayoutBatchesTable, AffiliatePayoutsTable } from './tables/affiliate-payouts.js';
import type {
  AffiliateClicksTable,
  AffiliateCommissionEntriesTable,
  AffiliateCouponsTable,
  AffiliateProductCommissionsTable,
  AffiliateSessionsTable,
  AffiliatesTable,
  OrderAttributionsTable,
} from './tables/affiliates.js';
import type {
  AnalyticsCustomersTable,
  AnalyticsOrdersTable,
  AnalyticsSeenTable,
  AnalyticsSubscriptionsTable,
  ClientWorkTable,
  DailyCheckoutsTable,
  DailyCountrySalesTable,
  DailyProductSalesTable,
  DailySalesTable,
  DailySubscriptionFlowsTable,
  DailyViewsTable,
  EffortEntriesTable,
  LeavePeriodsTable,
} from './tables/analytics.js';
import type { ApiIdempotencyTable, ApiTokensTable } from './tables/api.js';
import type {
  AvailabilityOverridesTable,
  AvailabilityRulesTable,
  BookingMailsTable,
  BookingsTable,
  BookingTypesTable,
} from './tables/bookings.js';
import type { CertificatesTable } from './tables/certificates.js';
import type { CourseQuestionAnswersTable, CourseQuestionsTable } from './tables/course-questions.js';
import type {
  CourseQuizAttemptsTable,
  CourseQuizOptionsTable,
  CourseQuizQuestionsTable,
  CourseQuizzesTable,
} from './tables/course-quizzes.js';
import type {
  CourseVideoCaptionsTable,
  CourseVideoRenditionsTable,
  CourseVideosTable,
  CourseVideoUploadsTable,
} from './tables/course-video.js';
import type {
  CourseCohortsTable,
  CourseEnrolmentsTable,
  CourseLessonsTable,
  CourseModulesTable,
  CoursesTable,
  CourseUnlockEmailsTable,
  LessonAttachmentsTable,
  LessonProgressTable,
} from './tables/courses.js';
import type { OrderDisputesTable, TestPaymentRefundsTable } from './tables/disputes.js';
import type {
  EventMailsTable,
  EventSeatCountsTable,
  EventSeatsTable,
  EventSessionsTable,
  EventsTable,
  EventTicketsTable,
  EventTicketTypesTable,
  EventWaitlistTable,
} from './tables/events.js';
import type {
  AdminSessionsTable,
  AdminUsersTable,
  AuditLogTable,
  EmailsTable,
  JobsTable,
  LoginThrottleTable,
  PasswordResetsTable,
  SettingsTable,
} from './tables/foundation.js';
import type {
  ImportDryKeysTable,
  ImportedRecordsTable,
  ImportLinesTable,
  ImportProductMapTable,
  ImportRunsTable,
} from './tables/imports.js';
import type {
  LegalPagesTable,
  OrderConsentsTable,
  PrivacyRequestsTable,
  ProductLegalTable,
  RetentionLocksTable,
  WithdrawalsTable,
} from './tables/legal.js';
import type { LicenseInstancesTable, LicenseKeysTable, LicenseSettingsTable } from './tables/licensing.js';
import type {
  CancellationRequestsTable,
  MemberConsentsTable,
  MembershipTiersTable,
  MembersTable,
  MemberTokensTable,
  SubscriptionPaymentsTable,
  SubscriptionsTable,
} from './tables/memberships.js';
import type { PostDeliveriesTable, PostImagesTable, PostSendsTable, PostsTable } from './tables/newsletter.js';
import type { OrderPaymentDetailsTable } from './tables/payments.js';
import type {
  PodcastDownloadsTable,
  PodcastEpisodesTable,
  PodcastFeedSightingsTable,
  PodcastFeedsTable,
  PodcastPurchasesTable,
  PodcastSharingAlertsTable,
  PodcastShowsTable,
} from './tables/podcasts.js';
import type {
  CountersTable,
  CustomerSessionsTable,
  CustomersTable,
  CustomerTokensTable,
  DeliveriesTable,
  DiscountCodesTable,
  DownloadsTable,
  FileVersionsTable,
  OrderEventsTable,
  OrderItemsTable,
  OrdersTable,
  PaymentEventsTable,
  ProductFilesTable,
  ProductsTable,
  TestPaymentSessionsTable,
} from './tables/selling.js';
import type { RateLimitHitsTable } from './tables/shared-state.js';
import type {
  ExchangeRatesTable,
  InvoiceDocumentsTable,
  InvoicesTable,
  ProductTaxSettingsTable,
  ViesChecksTable,
} from './tables/tax.js';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from './tables/webhooks.js';

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
  login_throttle: LoginThrottleTable;
  rate_limit_hits: RateLimitHitsTable;
  jobs: JobsTable;
  emails: EmailsTable;
  audit_log: AuditLogTable;
  api_tokens: ApiTokensTable;
  api_idempotency: ApiIdempotencyTable;
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
  order_payment_details: OrderPaymentDetailsTable;
  test_payment_refunds: TestPaymentRefundsTable;
  product_tax_settings: ProductTaxSettingsTable;
  vies_checks: ViesChecksTable;
  invoices: InvoicesTable;
  invoice_documents: InvoiceDocumentsTable;
  exchange_rates: ExchangeRatesTable;
  order_consents: OrderConsentsTable;
  withdrawals: WithdrawalsTable;
  legal_pages: LegalPagesTable;
  privacy_requests: PrivacyRequestsTable;
  retention_locks: RetentionLocksTable;
  product_legal: ProductLegalTable;
  analytics_orders: AnalyticsOrdersTable;
  analytics_customers: AnalyticsCustomersTable;
  analytics_subscriptions: AnalyticsSubscriptionsTable;
  daily_subscription_flows: DailySubscriptionFlowsTable;
  daily_sales: DailySalesTable;
  daily_product_sales: DailyProductSalesTable;
  daily_country_sales: DailyCountrySalesTable;
  daily_views: DailyViewsTable;
  daily_checkouts: DailyCheckoutsTable;
  analytics_seen: AnalyticsSeenTable;
  effort_entries: EffortEntriesTable;
  client_work: ClientWorkTable;
  leave_periods: LeavePeriodsTable;
  membership_tiers: MembershipTiersTable;
  members: MembersTable;
  member_consents: MemberConsentsTable;
  member_tokens: MemberTokensTable;
  subscriptions: SubscriptionsTable;
  subscription_payments: SubscriptionPaymentsTable;
  cancellation_requests: CancellationRequestsTable;
  posts: PostsTable;
  post_images: PostImagesTable;
  post_sends: PostSendsTable;
  post_deliveries: PostDeliveriesTable;
  courses: CoursesTable;
  course_modules: CourseModulesTable;
  course_lessons: CourseLessonsTable;
  lesson_attachments: LessonAttachmentsTable;
  course_cohorts: CourseCohortsTable;
  course_enrolments: CourseEnrolmentsTable;
  lesson_progress: LessonProgressTable;
  course_unlock_emails: CourseUnlockEmailsTable;
  course_quizzes: CourseQuizzesTable;
  course_quiz_questions: CourseQuizQuestionsTable;
  course_quiz_options: CourseQuizOptionsTable;
  course_quiz_attempts: CourseQuizAttemptsTable;
  certificates: CertificatesTable;
  course_videos: CourseVideosTable;
  course_video_renditions: CourseVideoRenditionsTable;
  course_video_captions: CourseVideoCaptionsTable;
  course_video_uploads: CourseVideoUploadsTable;
  course_questions: CourseQuestionsTable;
  course_question_answers: CourseQuestionAnswersTable;
  events: EventsTable;
  event_sessions: EventSessionsTable;
  event_seat_counts: EventSeatCountsTable;
  event_ticket_types: EventTicketTypesTable;
  event_tickets: EventTicketsTable;
  event_seats: EventSeatsTable;
  event_waitlist: EventWaitlistTable;
  event_mails: EventMailsTable;
  booking_types: BookingTypesTable;
  availability_rules: AvailabilityRulesTable;
  availability_overrides: AvailabilityOverridesTable;
  bookings: BookingsTable;
  booking_mails: BookingMailsTable;
  podcast_shows: PodcastShowsTable;
  podcast_episodes: PodcastEpisodesTable;
  podcast_feeds: PodcastFeedsTable;
  podcast_purchases: PodcastPurchasesTable;
  podcast_downloads: PodcastDownloadsTable;
  podcast_feed_sightings: PodcastFeedSightingsTable;
  podcast_sharing_alerts: PodcastSharingAlertsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  import_runs: ImportRunsTable;
  import_lines: ImportLinesTable;
  imported_records: ImportedRecordsTable;
  import_product_map: ImportProductMapTable;
  import_dry_keys: ImportDryKeysTable;
  affiliates: AffiliatesTable;
  affiliate_product_commissions: AffiliateProductCommissionsTable;
  affiliate_coupons: AffiliateCouponsTable;
  order_attributions: OrderAttributionsTable;
  affiliate_clicks: AffiliateClicksTable;
  affiliate_commission_entries: AffiliateCommissionEntriesTable;
  affiliate_sessions: AffiliateSessionsTable;
  affiliate_payouts: AffiliatePayoutsTable;
  affiliate_payout_batches: AffiliatePayoutBatchesTable;
}

/** A database handle: the connection pool or a transaction on it. */
export type Db = Kysely<DB> | Transaction<DB>;

export * from './tables/affiliate-payouts.js';
export * from './tables/affiliates.js';
export * from './tables/analytics.js';
export * from './tables/api.js';
export * from './tables/bookings.js';
export * from './tables/certificates.js';
export * from './tables/course-questions.js';
export * from './tables/course-quizzes.js';
export * from './tables/course-video.js';
export * from './tables/courses.js';
export * from './tables/disputes.js';
export * from './tables/events.js';
export * from './tables/foundation.js';
export * from './tables/imports.js';
export * from './tables/legal.js';
export * from './tables/licensing.js';
export * from './tables/memberships.js';
export * from './tables/newsletter.js';
export * from './tables/payments.js';
export * from './tables/podcasts.js';
export * from './tables/selling.js';
export * from './tables/tax.js';
export * from './tables/webhooks.js';
