import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. */

/** Handled in transcode-video.job.ts. A transcoding of a long video takes a while: few attempts. */
export const transcodeVideoJob = defineJobContract({
  kind: 'course-video.transcode',
  payload: z.object({ videoId: z.uuid() }),
  maxAttempts: 3,
});

/** Handled in remove-video.job.ts: the files of a removed video, after the removal committed. */
export const removeVideoFilesJob = defineJobContract({
  kind: 'course-video.remove-files',
  payload: z.object({ videoId: z.uuid() }),
});
