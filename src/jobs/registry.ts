import { features } from '../features/index.js';
import { housekeepingHandler } from '../flows/housekeeping.job.js';
import { fulfilOrderHandler } from '../order-core/fulfil-order.job.js';
import type { JobDefinition } from './define.js';

/**
 * The one place where job handlers meet their contracts: every job kind the
 * workers run — the order core's fulfilment, each feature's handlers (listed
 * in its `feature.ts`) and the daily housekeeping. Code that enqueues a job
 * imports only the contract (`<feature>/job-contracts.ts`); the worker looks
 * the handler up by kind in this list.
 */
export const allJobs: JobDefinition[] = [
  fulfilOrderHandler,
  ...features.flatMap((f) => f.jobs ?? []),
  housekeepingHandler,
] as JobDefinition[];
