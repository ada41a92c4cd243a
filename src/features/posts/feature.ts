import type { Feature } from '../feature.js';
import { addDemoPosts } from './demo.js';
import { postsMessages } from './messages.js';
import { registerPostPublicRoutes } from './public.routes.js';
import { publishScheduledPostHandler } from './publish-scheduled.job.js';
import { removePostImagesHandler } from './remove-images.job.js';

export const postsFeature: Feature = {
  name: 'posts',
  messages: postsMessages,
  demo: (services) => addDemoPosts(services.database.db),
  routes: registerPostPublicRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerPostAdminRoutes],
  jobs: [publishScheduledPostHandler, removePostImagesHandler],
  adminNav: [{ href: '/admin/posts', label: 'posts.nav', position: 60 }],
};
