import type { TemplateFn } from '../email/template-types.js';

export type ProductUpdatedData = {
  productTitle: string;
  fileName: string;
  version: number;
  /** The buyer's name; may be empty. */
  name: string;
  /** `${publicUrl}/library`, where buyers download again. */
  libraryUrl: string;
};

/** Emails of this feature, by name; registered in src/features/email/templates.ts. */
export const catalogEmailTemplates = {
  'product-updated': ((t, d: ProductUpdatedData) => ({
    subject: t('catalog.email.updated.subject', { product: d.productTitle }),
    heading: d.name ? t('catalog.email.updated.greetingName', { name: d.name }) : t('catalog.email.updated.greeting'),
    paragraphs: [
      t('catalog.email.updated.body', { product: d.productTitle, file: d.fileName, version: d.version }),
      t('catalog.email.updated.how'),
    ],
    action: { label: t('catalog.email.updated.action'), url: d.libraryUrl },
    note: t('catalog.email.updated.note', { product: d.productTitle }),
  })) satisfies TemplateFn<ProductUpdatedData>,
} satisfies Record<string, TemplateFn<never>>;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    catalog: typeof catalogEmailTemplates;
  }
}
