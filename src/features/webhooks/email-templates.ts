import type { TemplateFn } from '../email/template-types.js';

export type EndpointDisabledData = { url: string; link: string };

/** Emails of this feature, by name; registered from the feature list. */
export const webhooksEmailTemplates = {
  'webhooks-endpoint-disabled': ((t, d: EndpointDisabledData) => ({
    subject: t('webhooks.email.disabled.subject', { url: d.url }),
    heading: t('webhooks.email.disabled.heading'),
    paragraphs: [t('webhooks.email.disabled.body', { url: d.url })],
    action: { label: t('webhooks.email.disabled.action'), url: d.link },
  })) satisfies TemplateFn<EndpointDisabledData>,
};

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    webhooks: typeof webhooksEmailTemplates;
  }
}
