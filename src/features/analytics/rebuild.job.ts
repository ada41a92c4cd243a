import { z } from 'zod';
import { defineJob } from '../../jobs/define.js';
import { rebuildSalesAggregates } from './rebuild-aggregates.js';

/** Recounts the daily sales figures from all orders (after a time-zone change, or for older data). */
export const rebuildAnalyticsJob = defineJob({
  kind: 'analytics.rebuild',
  payload: z.object({}),
  maxAttempts: 3,
  handle: async (_payload, { services, log }) => {
    const r = await rebuildSalesAggregates(services.database.db, services.database.dialect);
    log.info(r, 'analytics recounted');
  },
});
