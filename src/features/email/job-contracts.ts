import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in send-email.job.ts. */
export const sendEmailJob = defineJobContract({
  kind: 'email.send',
  payload: z.object({ emailId: z.string() }),
  maxAttempts: 10,
});
