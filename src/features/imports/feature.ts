import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { importsAdminMessages } from './admin-messages.js';
import { importsMessages } from './messages.js';
import { registerImportRoutes } from './routes.js';
import { runImportJobHandler } from './run-import.job.js';

/** Imports of other platforms' exports (Gumroad, Lemon Squeezy, Ghost, Digistore24): dry run first, idempotent, in batches. */
export const importsFeature: Feature = {
  name: 'imports',
  messages: mergeMessageBundles(importsMessages, importsAdminMessages),
  routes: registerImportRoutes,
  jobs: [runImportJobHandler],
  adminNav: [{ href: '/admin/imports', label: 'imports.nav', position: 158 }],
};
