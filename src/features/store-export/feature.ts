import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { storeExportAdminMessages } from './admin-messages.js';
import { storeExportMessages } from './messages.js';

/** Everything the store holds, as CSV files and one JSON archive in a ZIP: a creator can always leave. */
export const storeExportFeature: Feature = {
  name: 'store-export',
  messages: mergeMessageBundles(storeExportMessages, storeExportAdminMessages),
  adminRoutes: async () => [(await import('./routes.js')).registerStoreExportRoutes],
  adminNav: [{ href: '/admin/export', label: 'storeExport.nav', position: 160 }],
};
