import type { TemplateFn } from '../email/template-types.js';

/** Emails of this feature, by name; registered in src/features/email/templates.ts. */
export const catalogEmailTemplates = {} satisfies Record<string, TemplateFn<never>>;
