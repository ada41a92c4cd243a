import type { Locale } from '../../web/i18n.js';
import { type Translate, translator } from '../../web/messages.js';

/** What an email says, independent of HTML or text. */
export type EmailContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the action, e.g. why the reader got this email. */
  note?: string;
};

type TemplateFn<D> = (t: Translate, data: D) => EmailContent;

/** Every email the app sends, by name; the data each needs is typed here. */
export const emailTemplates = {
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

export type TemplateName = keyof typeof emailTemplates;
export type TemplateData<N extends TemplateName> = Parameters<(typeof emailTemplates)[N]>[1];

export function composeEmail<N extends TemplateName>(name: N, locale: Locale, data: TemplateData<N>): EmailContent {
  const fn = emailTemplates[name] as TemplateFn<TemplateData<N>>;
  return fn(translator(locale), data);
}
