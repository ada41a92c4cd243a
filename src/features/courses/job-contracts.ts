import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in their features' feature.ts. */

/** A student completed every lesson; handled by certificates (the certificate and the completion email). */
export const courseCompletedJob = defineJobContract({
  kind: 'courses.completed',
  payload: z.object({ enrolmentId: z.string() }),
});

/** Hourly: emails the students whose lessons opened by drip since the last run; handled in unlock-emails.job.ts. */
export const courseUnlockEmailsJob = defineJobContract({
  kind: 'courses.unlock-emails',
  payload: z.object({}),
  maxAttempts: 3,
});
