import type { Feature } from '../feature.js';
import { courseVideoMessages } from './messages.js';
import { removeVideoFilesHandler } from './remove-video.job.js';
import { registerVideoStreamRoutes } from './stream.routes.js';
import { transcodeVideoHandler } from './transcode-video.job.js';

/** Lesson videos: resumable upload, ffmpeg to encrypted HLS, playback only for students with access. */
export const courseVideoFeature: Feature = {
  name: 'course-video',
  messages: courseVideoMessages,
  routes: registerVideoStreamRoutes,
  adminRoutes: async () => [
    (await import('./upload.routes.js')).registerUploadRoutes,
    (await import('./admin.routes.js')).registerVideoAdminRoutes,
  ],
  jobs: [transcodeVideoHandler, removeVideoFilesHandler],
};
