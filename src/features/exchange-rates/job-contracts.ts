import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in fetch-rates.job.ts. */
export const fetchRatesJob = defineJobContract({
  kind: 'exchange-rates.fetch',
  /** The UTC day this run is for (YYYY-MM-DD). */
  payload: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  maxAttempts: 12,
});
