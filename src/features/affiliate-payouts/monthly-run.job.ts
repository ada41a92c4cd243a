import type { Db } from '../../db/schema.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { monthlyPayoutRunJob } from './job-contracts.js';
import { runPayouts } from './run-payouts.js';

/** The run starts at 06:00 UTC on the 1st (07:00/08:00 in Germany): the last month's commissions are in. */
export function nextRunAt(after: Date): Date {
  return new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth() + 1, 1, 6));
}

/**
 * Runs the payouts, then schedules the next month's run first thing, so a
 * failing run never ends the chain. Idempotent: a payout exists once per
 * affiliate, month and currency, so a rerun after a crash adds nothing.
 */
export const monthlyPayoutRunHandler = handleJob(monthlyPayoutRunJob, async ({ month }, { db, services, log }) => {
  await scheduleMonthlyPayoutRun(db, nextRunAt(new Date(`${month}-01T00:00:00Z`)));
  const r = await runPayouts(services.database.db, { publicUrl: services.config.publicUrl });
  if (!r.ok) log.warn({ error: r.error }, 'affiliate payouts: no run without the store’s tax settings');
  else log.info({ period: r.period, created: r.created.length, skipped: r.skipped.length }, 'affiliate payouts run');
});

/** At start and by each run; a no-op when that month's run is already scheduled. */
export async function scheduleMonthlyPayoutRun(db: Db, at: Date = nextRunAt(new Date())): Promise<void> {
  const month = at.toISOString().slice(0, 7);
  await enqueueJob(db, monthlyPayoutRunJob, { month }, { uniqueKey: `affiliate-payouts-run:${month}`, runAt: at });
}
