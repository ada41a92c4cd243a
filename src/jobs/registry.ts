import { rebuildAnalyticsJob } from '../features/analytics/rebuild.job.js';
import { weeklySummaryJob } from '../features/analytics/weekly-summary.job.js';
import { notifyBuyersJob } from '../features/catalog/notify-buyers.job.js';
import { expireOrderJob } from '../features/checkout/expire-order.job.js';
import { sendEmailJob } from '../features/email/send-email.job.js';
import { fetchRatesJob } from '../features/exchange-rates/fetch-rates.job.js';
import { issueCreditNoteJob, issueInvoiceJob } from '../features/invoices/jobs.js';
import { withdrawalDeclaredJob } from '../features/legal/withdrawal-declared.job.js';
import { cancellationReceivedJob } from '../features/memberships/cancellation-received.job.js';
import { syncStripeSubscriptionJob } from '../features/memberships/reconcile-subscriptions.js';
import { renewSubscriptionJob } from '../features/memberships/renew-subscription.job.js';
import { fanOutJob } from '../features/newsletter/fan-out.job.js';
import { sendBatchJob } from '../features/newsletter/send-batch.job.js';
import { processPaymentEventJob } from '../features/payments/process-payment-event.job.js';
import { reconcilePaymentsJob } from '../features/payments/reconcile-payments.job.js';
import { syncOrderPaymentJob } from '../features/payments/sync-order-payment.job.js';
import { testNotifyJob } from '../features/payments/test-notify.job.js';
import { publishScheduledPostJob } from '../features/posts/publish-scheduled.job.js';
import { removePostImagesJob } from '../features/posts/remove-images.job.js';
import { retentionSweepJob } from '../features/privacy/retention.job.js';
import { fulfilOrderJob } from '../flows/fulfil-order.job.js';
import { housekeepingJob } from '../flows/housekeeping.job.js';
import type { JobDefinition } from './define.js';

/** Every job kind the workers run, listed explicitly. */
export const allJobs: JobDefinition[] = [
  sendEmailJob,
  fulfilOrderJob,
  expireOrderJob,
  processPaymentEventJob,
  testNotifyJob,
  syncOrderPaymentJob,
  reconcilePaymentsJob,
  notifyBuyersJob,
  housekeepingJob,
  retentionSweepJob,
  issueInvoiceJob,
  issueCreditNoteJob,
  rebuildAnalyticsJob,
  weeklySummaryJob,
  renewSubscriptionJob,
  syncStripeSubscriptionJob,
  fanOutJob,
  sendBatchJob,
  publishScheduledPostJob,
  removePostImagesJob,
  fetchRatesJob,
  withdrawalDeclaredJob,
  cancellationReceivedJob,
] as JobDefinition[];
