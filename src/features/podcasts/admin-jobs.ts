import { handleJob } from '../../jobs/define.js';
import { podcastProbeJob, podcastPublishJob } from './job-contracts.js';

export const podcastPublishHandler = handleJob(podcastPublishJob, async () => {});
export const podcastProbeHandler = handleJob(podcastProbeJob, async () => {});
