import type { TemplateFn } from '../email/template-types.js';
import { textLines } from './question-input.js';

export type QuestionAskedEmailData = {
  studentName: string;
  courseTitle: string;
  lessonTitle: string;
  question: string;
  /** The admin's questions page. */
  url: string;
};

export type QuestionAnsweredEmailData = {
  courseTitle: string;
  lessonTitle: string;
  question: string;
  answer: string;
  /** The lesson page, at its questions. */
  url: string;
};

/** A long question is shortened in the answer's email (the lesson shows it whole). */
const excerpt = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** Emails of this feature, by name. */
export const courseQuestionsEmailTemplates = {
  /** To each admin: a student asked a question under a lesson. */
  'course-question-asked': ((t, d: QuestionAskedEmailData) => ({
    subject: t('courseQuestions.email.asked.subject', { lesson: d.lessonTitle }),
    heading: t('courseQuestions.email.asked.heading'),
    paragraphs: [
      t('courseQuestions.email.asked.intro', { name: d.studentName, lesson: d.lessonTitle, course: d.courseTitle }),
      ...textLines(d.question),
    ],
    action: { label: t('courseQuestions.email.asked.action'), url: d.url },
    note: t('courseQuestions.email.asked.note'),
  })) satisfies TemplateFn<QuestionAskedEmailData>,

  /** To the student who asked: the creator's answer, with a link to the lesson. */
  'course-question-answered': ((t, d: QuestionAnsweredEmailData) => ({
    subject: t('courseQuestions.email.answered.subject', { lesson: d.lessonTitle }),
    heading: t('courseQuestions.email.answered.heading'),
    paragraphs: [
      t('courseQuestions.email.answered.intro', { lesson: d.lessonTitle, course: d.courseTitle }),
      ...textLines(d.answer),
      t('courseQuestions.email.answered.question', { question: excerpt(d.question.replace(/\s+/g, ' ')) }),
    ],
    action: { label: t('courseQuestions.email.answered.action'), url: d.url },
    note: t('courseQuestions.email.answered.note'),
  })) satisfies TemplateFn<QuestionAnsweredEmailData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    courseQuestions: typeof courseQuestionsEmailTemplates;
  }
}
