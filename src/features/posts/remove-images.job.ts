import { handleJob } from '../../jobs/define.js';
import { removePostImagesJob } from './job-contracts.js';

/** Removes a deleted post's image files after the deletion committed (removing a missing file is fine). */
export const removePostImagesHandler = handleJob(removePostImagesJob, async ({ keys }, { services }) => {
  for (const key of keys) await services.storage.delete(key);
});
