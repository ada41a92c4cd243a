import type { Feature } from '../feature.js';
import { addDemoCourse } from './demo.js';
import { coursesEmailTemplates } from './email-templates.js';
import { courseEnrolmentEntitlement } from './enrolment-entitlement.js';
import { registerLearnRoutes } from './learn.routes.js';
import { courseLibrarySection } from './library-section.js';
import { coursesMessages } from './messages.js';
import { coursesPrivacyPart } from './privacy-part.js';
import { courseProductSection } from './product-section.js';
import { courseUnlockEmailsHandler, scheduleUnlockEmails } from './unlock-emails.job.js';

export const coursesFeature: Feature = {
  name: 'courses',
  messages: coursesMessages,
  emailTemplates: coursesEmailTemplates,
  jobs: [courseUnlockEmailsHandler],
  start: (services) => scheduleUnlockEmails(services.database.db),
  routes: registerLearnRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerCourseAdminRoutes],
  entitlements: [courseEnrolmentEntitlement],
  demo: (services) => addDemoCourse(services.database.db),
  productSection: courseProductSection,
  librarySection: courseLibrarySection,
  privacy: coursesPrivacyPart,
  adminNav: [{ href: '/admin/courses', label: 'courses.nav', position: 22 }],
};
