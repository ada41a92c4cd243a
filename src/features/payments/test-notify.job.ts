import { isoNow } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { testNotifyJob } from './job-contracts.js';
import { receivePaymentNotification } from './receive-notification.js';
import { signTestNotification, TEST_SIGNATURE_HEADER, testWebhookSecret } from './test-provider.js';

/**
 * The test provider's webhook sender. It signs and hands the body to the same
 * intake the HTTP webhook route uses, so the shop verifies, records and
 * processes it exactly as it would a real provider's notification.
 */
export const testNotifyHandler = handleJob(testNotifyJob, async ({ ref, type, settle }, { db, services, job }) => {
  if (settle) {
    await db
      .updateTable('test_payment_sessions')
      .set({ status: 'paid', updated_at: isoNow() })
      .where('id', '=', ref)
      .where('status', '=', 'processing')
      .execute();
  }
  // The event id is stable across retries of this job, as a provider's is across redeliveries.
  const body = JSON.stringify({ id: `evt_${job.id}`, type, data: { session: ref } });
  const signature = signTestNotification(testWebhookSecret(services.config.sessionSecret), body);
  await receivePaymentNotification(services, 'test', Buffer.from(body), { [TEST_SIGNATURE_HEADER]: signature });
});
