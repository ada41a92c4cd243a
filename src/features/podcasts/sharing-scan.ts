import type { Db } from '../../db/schema.js';
import { handleJob } from '../../jobs/define.js';
import { podcastSharingScanJob } from './job-contracts.js';

export const podcastSharingScanHandler = handleJob(podcastSharingScanJob, async () => {});

/** Called at start and by each run; a no-op when that hour is already scheduled. */
export async function scheduleSharingScan(_db: Db): Promise<void> {}
