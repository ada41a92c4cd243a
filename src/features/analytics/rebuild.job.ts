import { handleJob } from '../../jobs/define.js';
import { rebuildAnalyticsJob } from './job-contracts.js';
import { resetSubscriptionFlows, syncSubscriptionFlows } from './mrr-data.js';
import { rebuildSalesAggregates } from './rebuild-aggregates.js';
import { storeTimeZone } from './settings.js';

/** Recounts the daily sales figures from all orders and the subscription flows from all subscriptions (after a time-zone change, or for older data). */
export const rebuildAnalyticsHandler = handleJob(rebuildAnalyticsJob, async (_payload, { services, log }) => {
  const r = await rebuildSalesAggregates(services.database.db, services.database.dialect);
  const { db } = services.database;
  await resetSubscriptionFlows(db);
  const subscriptions = await syncSubscriptionFlows(db, { timeZone: await storeTimeZone(db), now: new Date() });
  log.info({ ...r, subscriptions }, 'analytics recounted');
});
