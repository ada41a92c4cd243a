import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in feature.ts. */

/** A scheduled episode's time has come: it is published (guarded) and the show's feeds move on. */
export const podcastPublishJob = defineJobContract({
  kind: 'podcasts.publish',
  payload: z.object({ episodeId: z.string() }),
});

/** An episode's audio was stored: ffprobe reads its duration (only for the audio key it was enqueued for). */
export const podcastProbeJob = defineJobContract({
  kind: 'podcasts.probe-audio',
  payload: z.object({ episodeId: z.string(), audioKey: z.string() }),
});

/** Hourly: feeds heard from more networks in 7 days than their show allows get an alert for the creator. */
export const podcastSharingScanJob = defineJobContract({
  kind: 'podcasts.sharing-scan',
  payload: z.object({}),
});
