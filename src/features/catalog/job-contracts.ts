import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in notify-buyers.job.ts. */
export const notifyBuyersJob = defineJobContract({
  kind: 'catalog.notify-file-update',
  payload: z.object({ versionId: z.uuid() }),
});
