import { handleJob } from '../../jobs/define.js';
import { withdrawalDeclaredJob } from './job-contracts.js';
import { declareWithdrawal } from './withdraw-order.js';

/**
 * A declaration from the public withdrawal form, handled after the answer:
 * the request only stores this job, the same work for every input, so the
 * page's timing tells no more than its text whether an order matched. The
 * time of receipt travels with it. Idempotent: one withdrawal per order
 * (UNIQUE), one email per order and hour of receipt.
 */
export const withdrawalDeclaredHandler = handleJob(
  withdrawalDeclaredJob,
  async ({ number, email, receivedAt }, { services }) => {
    await declareWithdrawal(services, { number, email }, new Date(receivedAt));
  },
);
