import type { Locale } from '../../web/i18n.js';
import { translator, type UnionToIntersection } from '../../web/messages.js';
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

/**
 * Each feature adds its templates' types here by declaration merging in its
 * own `email-templates.ts` (`declare module '../email/templates.js' { interface
 * FeatureEmailTemplates { legal: typeof legalEmailTemplates } }`), so every
 * `queueEmail` call is checked against the template's data; the templates
 * themselves come from the feature list (`Feature.emailTemplates`).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one member per feature
export interface FeatureEmailTemplates {}

type AllTemplates = typeof coreTemplates & UnionToIntersection<FeatureEmailTemplates[keyof FeatureEmailTemplates]>;

export type TemplateName = keyof AllTemplates;
export type TemplateData<N extends TemplateName> = AllTemplates[N] extends TemplateFn<infer D> ? D : never;

// biome-ignore lint/suspicious/noExplicitAny: each template keeps its own data type (checked through TemplateData)
type AnyTemplate = TemplateFn<any>;
const templates = new Map<string, AnyTemplate>(Object.entries(coreTemplates));

/** Called once with every feature's templates (features/index.ts). */
export function registerEmailTemplates(list: readonly Record<string, AnyTemplate>[]): void {
  for (const group of list) for (const [name, fn] of Object.entries(group)) templates.set(name, fn);
}

export function composeEmail<N extends TemplateName>(name: N, locale: Locale, data: TemplateData<N>): EmailContent {
  const fn = templates.get(name);
  if (!fn) throw new Error(`no email template "${String(name)}": import features/index.js first`);
  return fn(translator(locale), data);
}
