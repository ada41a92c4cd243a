import type { Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { analyticsEmailTemplates } from '../analytics/email-templates.js';
import { catalogEmailTemplates } from '../catalog/email-templates.js';
import { checkoutEmailTemplates } from '../checkout/email-templates.js';
import { deliveryEmailTemplates } from '../delivery/email-templates.js';
import { legalEmailTemplates } from '../legal/email-templates.js';
import { libraryEmailTemplates } from '../library/email-templates.js';
import { membershipsEmailTemplates } from '../memberships/email-templates.js';
import { newsletterEmailTemplates } from '../newsletter/email-templates.js';
import type { EmailContent, TemplateFn } from './template-types.js';

export type { EmailContent, TemplateFn };

/** The foundation's own emails; each feature adds its own in its `email-templates.ts`. */
const coreTemplates = {
  'password-reset': ((t, d: { url: string; minutes: number }) => ({
    subject: t('email.passwordReset.subject'),
    heading: t('email.passwordReset.heading'),
    paragraphs: [t('email.passwordReset.body', { minutes: d.minutes })],
    action: { label: t('email.passwordReset.action'), url: d.url },
    note: t('email.passwordReset.note'),
  })) satisfies TemplateFn<{ url: string; minutes: number }>,
  'test-message': ((t, d: { storeName: string }) => ({
    subject: t('email.test.subject', { store: d.storeName }),
    heading: t('email.test.heading'),
    paragraphs: [t('email.test.body', { store: d.storeName })],
  })) satisfies TemplateFn<{ storeName: string }>,
} as const;

/** Every email the app sends, by name; the data each needs is typed by its template. */
export const emailTemplates = {
  ...coreTemplates,
  ...catalogEmailTemplates,
  ...checkoutEmailTemplates,
  ...deliveryEmailTemplates,
  ...libraryEmailTemplates,
  ...analyticsEmailTemplates,
  ...legalEmailTemplates,
  ...membershipsEmailTemplates,
  ...newsletterEmailTemplates,
} as const;

export type TemplateName = keyof typeof emailTemplates;
export type TemplateData<N extends TemplateName> = Parameters<(typeof emailTemplates)[N]>[1];

export function composeEmail<N extends TemplateName>(name: N, locale: Locale, data: TemplateData<N>): EmailContent {
  const fn = emailTemplates[name] as TemplateFn<TemplateData<N>>;
  return fn(translator(locale), data);
}
