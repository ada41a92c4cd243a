import type { TemplateFn } from '../email/template-types.js';

export type LessonsUnlockedEmailData = { course: string; lessons: string[]; url: string };

/** Emails of this feature, by name; registered from the feature list. */
export const coursesEmailTemplates = {
  /** Drip opened lessons for a student. */
  'course-lessons-unlocked': ((t, d: LessonsUnlockedEmailData) => ({
    subject: t('courses.email.unlocked.subject', { course: d.course }),
    heading: t('courses.email.unlocked.heading'),
    paragraphs: [t('courses.email.unlocked.body', { course: d.course }), ...d.lessons.map((l) => `• ${l}`)],
    action: { label: t('courses.email.unlocked.action'), url: d.url },
  })) satisfies TemplateFn<LessonsUnlockedEmailData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    courses: typeof coursesEmailTemplates;
  }
}
