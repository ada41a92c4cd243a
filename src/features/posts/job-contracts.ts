import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in publish-scheduled.job.ts. */
export const publishScheduledPostJob = defineJobContract({
  kind: 'posts.publish-scheduled',
  payload: z.object({ postId: z.string() }),
});

/** Handled in remove-images.job.ts. */
export const removePostImagesJob = defineJobContract({
  kind: 'posts.remove-images',
  payload: z.object({ keys: z.array(z.string().regex(/^post-images\/[0-9a-f-]{36}$/)).max(10_000) }),
});
