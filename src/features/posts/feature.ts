import type { Feature } from '../feature.js';
import { publishScheduledPostHandler } from './publish-scheduled.job.js';
import { removePostImagesHandler } from './remove-images.job.js';
import { registerPostsRoutes } from './routes.js';

export const postsFeature: Feature = {
  name: 'posts',
  routes: registerPostsRoutes,
  jobs: [publishScheduledPostHandler, removePostImagesHandler],
  adminNav: [{ href: '/admin/posts', label: 'posts.nav', position: 60 }],
};
