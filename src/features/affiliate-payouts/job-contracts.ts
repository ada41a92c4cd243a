import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in feature.ts. */

/** The monthly payout run; `month` (YYYY-MM, UTC) names the run in its unique key. */
export const monthlyPayoutRunJob = defineJobContract({
  kind: 'affiliate-payouts.monthly-run',
  payload: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) }),
  maxAttempts: 5,
});
