import type { TemplateFn } from '../email/template-types.js';

/** Emails of this feature, by name; registered in src/features/email/templates.ts. */
export const deliveryEmailTemplates = {} satisfies Record<string, TemplateFn<never>>;
