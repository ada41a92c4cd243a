import type { TemplateFn } from '../email/template-types.js';

export type LibraryLoginEmailData = { url: string; minutes: number };

/** Emails of this feature, by name; registered in src/features/email/templates.ts. */
export const libraryEmailTemplates = {
  /** The magic link that signs a customer in to their library. */
  'library-login': ((t, d: LibraryLoginEmailData) => ({
    subject: t('library.email.login.subject'),
    heading: t('library.email.login.heading'),
    paragraphs: [t('library.email.login.body', { minutes: d.minutes })],
    action: { label: t('library.email.login.action'), url: d.url },
    note: t('library.email.login.note'),
  })) satisfies TemplateFn<LibraryLoginEmailData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    library: typeof libraryEmailTemplates;
  }
}
