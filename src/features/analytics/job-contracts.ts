import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in rebuild.job.ts. */
export const rebuildAnalyticsJob = defineJobContract({
  kind: 'analytics.rebuild',
  payload: z.object({}),
  maxAttempts: 3,
});

/** Handled in weekly-summary.job.ts. */
export const weeklySummaryJob = defineJobContract({
  kind: 'analytics.weekly-summary',
  payload: z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/) }),
  maxAttempts: 5,
});
