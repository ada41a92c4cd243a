import { handleJob } from '../../jobs/define.js';
import { podcastProbeJob, podcastPublishJob } from './job-contracts.js';
import { probeEpisodeAudio } from './probe-audio.js';
import { publishDueEpisode } from './publish-episode.js';

/** The jobs of the creator's side: a scheduled episode published, an uploaded file's duration read. */

export const podcastPublishHandler = handleJob(podcastPublishJob, async ({ episodeId }, { db }) => {
  await publishDueEpisode(db, episodeId, new Date());
});

export const podcastProbeHandler = handleJob(podcastProbeJob, async ({ episodeId, audioKey }, { db, services }) => {
  await probeEpisodeAudio(db, services.storage, episodeId, audioKey);
});
