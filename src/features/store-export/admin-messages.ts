import { defineMessages } from '../../web/i18n.js';

/** The audit log's words for an export. */
export const storeExportAdminMessages = defineMessages(
  { 'admin.audit.action.store.exported': 'Everything exported' },
  { 'admin.audit.action.store.exported': 'Alles exportiert' },
);

declare module '../../web/messages.js' {
  interface FeatureMessages {
    storeExportAdmin: typeof storeExportAdminMessages;
  }
}
