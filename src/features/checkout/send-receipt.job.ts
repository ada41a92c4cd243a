import { handleJob } from '../../jobs/define.js';
import { sendReceiptJob } from './job-contracts.js';
import { queueReceiptEmail } from './receipt.js';

/** Queues the receipt (under `receipt:<order>`, so a rerun sends nothing twice). */
export const sendReceiptHandler = handleJob(sendReceiptJob, async ({ orderId }, { services }) => {
  await queueReceiptEmail(services, orderId);
});
