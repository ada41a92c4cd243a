import type { Feature } from '../feature.js';
import { courseQuestionsEmailTemplates } from './email-templates.js';
import { courseQuestionsMessages } from './messages.js';
import { adminQuestionsPath } from './paths.js';
import { courseQuestionsPrivacyPart } from './privacy-part.js';
import { registerCourseQuestionRoutes } from './routes.js';

/** Questions under course lessons: students ask, the creator answers (email both ways) and moderates. */
export const courseQuestionsFeature: Feature = {
  name: 'course-questions',
  messages: courseQuestionsMessages,
  emailTemplates: courseQuestionsEmailTemplates,
  routes: registerCourseQuestionRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerCourseQuestionAdminRoutes],
  privacy: courseQuestionsPrivacyPart,
  adminNav: [{ href: adminQuestionsPath, label: 'courseQuestions.nav', position: 23 }],
};
