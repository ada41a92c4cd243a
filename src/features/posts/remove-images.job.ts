import { z } from 'zod';
import { defineJob } from '../../jobs/define.js';

/** Removes a deleted post's image files after the deletion committed (removing a missing file is fine). */
export const removePostImagesJob = defineJob({
  kind: 'posts.remove-images',
  payload: z.object({ keys: z.array(z.string().regex(/^post-images\/[0-9a-f-]{36}$/)).max(10_000) }),
  handle: async ({ keys }, { services }) => {
    for (const key of keys) await services.storage.delete(key);
  },
});
