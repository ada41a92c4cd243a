import type { TemplateFn } from '../email/template-types.js';

export type CourseCompletedEmailData = {
  courseTitle: string;
  /** Absent when the course gives no certificate. */
  certificate?: { id: string; downloadUrl: string; verifyUrl: string } | undefined;
};

/** Emails of this feature, by name. */
export const certificatesEmailTemplates = {
  /** The student completed every lesson: congratulations and, if the course gives one, the certificate. */
  'course-completed': ((t, d: CourseCompletedEmailData) => ({
    subject: t('certificates.email.subject', { course: d.courseTitle }),
    heading: t('certificates.email.heading'),
    paragraphs: [
      t('certificates.email.body', { course: d.courseTitle }),
      d.certificate
        ? t('certificates.email.certificate', { id: d.certificate.id })
        : t('certificates.email.noCertificate'),
    ],
    ...(d.certificate
      ? {
          action: { label: t('certificates.email.action'), url: d.certificate.downloadUrl },
          links: [{ label: t('certificates.email.verifyLink'), url: d.certificate.verifyUrl }],
        }
      : {}),
    note: t('certificates.email.note'),
  })) satisfies TemplateFn<CourseCompletedEmailData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    certificates: typeof certificatesEmailTemplates;
  }
}
