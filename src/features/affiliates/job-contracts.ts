import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in feature.ts. */

/** Daily: commissions whose hold ended get their money-neutral `approved` entry. */
export const affiliatesApproveJob = defineJobContract({
  kind: 'affiliates.approve-commissions',
  payload: z.object({}),
});
