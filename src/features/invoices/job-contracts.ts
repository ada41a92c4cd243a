import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in jobs.ts. */
export const issueCreditNoteJob = defineJobContract({
  kind: 'invoice.credit-note',
  payload: z.object({ orderId: z.string(), refundedMinor: z.number().int().positive().optional() }),
  maxAttempts: 20,
});

/** Handled in jobs.ts. */
export const issueInvoiceJob = defineJobContract({
  kind: 'invoice.issue',
  payload: z.object({ orderId: z.string() }),
  maxAttempts: 20,
});
