import { rebuildAnalyticsHandler } from '../features/analytics/rebuild.job.js';
import { weeklySummaryHandler } from '../features/analytics/weekly-summary.job.js';
import { notifyBuyersHandler } from '../features/catalog/notify-buyers.job.js';
import { expireOrderHandler } from '../features/checkout/expire-order.job.js';
import { sendEmailHandler } from '../features/email/send-email.job.js';
import { fetchRatesHandler } from '../features/exchange-rates/fetch-rates.job.js';
import { issueCreditNoteHandler, issueInvoiceHandler } from '../features/invoices/jobs.js';
import { withdrawalDeclaredHandler } from '../features/legal/withdrawal-declared.job.js';
import { cancellationReceivedHandler } from '../features/memberships/cancellation-received.job.js';
import { syncStripeSubscriptionHandler } from '../features/memberships/reconcile-subscriptions.js';
import { renewSubscriptionHandler } from '../features/memberships/renew-subscription.job.js';
import { fanOutHandler } from '../features/newsletter/fan-out.job.js';
import { sendBatchHandler } from '../features/newsletter/send-batch.job.js';
import { processPaymentEventHandler } from '../features/payments/process-payment-event.job.js';
import { reconcilePaymentsHandler } from '../features/payments/reconcile-payments.job.js';
import { syncOrderPaymentHandler } from '../features/payments/sync-order-payment.job.js';
import { testNotifyHandler } from '../features/payments/test-notify.job.js';
import { publishScheduledPostHandler } from '../features/posts/publish-scheduled.job.js';
import { removePostImagesHandler } from '../features/posts/remove-images.job.js';
import { retentionSweepHandler } from '../features/privacy/retention.job.js';
import { fulfilOrderHandler } from '../flows/fulfil-order.job.js';
import { housekeepingHandler } from '../flows/housekeeping.job.js';
import type { JobDefinition } from './define.js';

/**
 * The one place where job handlers meet their contracts: every job kind the
 * workers run, listed explicitly. Code that enqueues a job imports only the
 * contract (`<feature>/job-contracts.ts`); the worker looks the handler up by
 * kind in this list.
 */
export const allJobs: JobDefinition[] = [
  sendEmailHandler,
  fulfilOrderHandler,
  expireOrderHandler,
  processPaymentEventHandler,
  testNotifyHandler,
  syncOrderPaymentHandler,
  reconcilePaymentsHandler,
  notifyBuyersHandler,
  housekeepingHandler,
  retentionSweepHandler,
  issueInvoiceHandler,
  issueCreditNoteHandler,
  rebuildAnalyticsHandler,
  weeklySummaryHandler,
  renewSubscriptionHandler,
  syncStripeSubscriptionHandler,
  fanOutHandler,
  sendBatchHandler,
  publishScheduledPostHandler,
  removePostImagesHandler,
  fetchRatesHandler,
  withdrawalDeclaredHandler,
  cancellationReceivedHandler,
] as JobDefinition[];
