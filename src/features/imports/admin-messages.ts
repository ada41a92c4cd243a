import { defineMessages } from '../../web/i18n.js';

/** The audit log's and the job list's words for imports. */
export const importsAdminMessages = defineMessages(
  {
    'admin.audit.action.imports.uploaded': 'Import uploaded (dry run)',
    'admin.audit.action.imports.started': 'Import started',
    'admin.audit.field.imports.uploaded.run': 'Import',
    'admin.audit.field.imports.started.run': 'Import',
    'jobs.kind.imports.run': 'Import from another platform (dry run or import)',
  },
  {
    'admin.audit.action.imports.uploaded': 'Import hochgeladen (Probelauf)',
    'admin.audit.action.imports.started': 'Import gestartet',
    'admin.audit.field.imports.uploaded.run': 'Import',
    'admin.audit.field.imports.started.run': 'Import',
    'jobs.kind.imports.run': 'Import von einer anderen Plattform (Probelauf oder Import)',
  },
);

declare module '../../web/messages.js' {
  interface FeatureMessages {
    importsAdmin: typeof importsAdminMessages;
  }
}
