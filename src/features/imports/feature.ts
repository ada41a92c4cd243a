import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { importsAdminMessages } from './admin-messages.js';
import { importsMessages } from './messages.js';
import { runImportJobHandler } from './run-import.job.js';

/** Imports of other platforms' exports (Gumroad, Lemon Squeezy, Ghost, Digistore24): dry run first, idempotent, in batches. */
export const importsFeature: Feature = {
  name: 'imports',
  messages: mergeMessageBundles(importsMessages, importsAdminMessages),
  adminRoutes: async () => [(await import('./routes.js')).registerImportRoutes],
  jobs: [runImportJobHandler],
  adminNav: [{ href: '/admin/imports', label: 'imports.nav', position: 158 }],
};
