import { z } from 'zod';
import { defineJob } from '../../jobs/define.js';
import { resetSubscriptionFlows } from './mrr-data.js';
import { rebuildSalesAggregates } from './rebuild-aggregates.js';

/** Recounts the daily sales figures from all orders (after a time-zone change, or for older data); subscriptions are recounted at the next dashboard view. */
export const rebuildAnalyticsJob = defineJob({
  kind: 'analytics.rebuild',
  payload: z.object({}),
  maxAttempts: 3,
  handle: async (_payload, { services, log }) => {
    const r = await rebuildSalesAggregates(services.database.db, services.database.dialect);
    await resetSubscriptionFlows(services.database.db);
    log.info(r, 'analytics recounted');
  },
});
