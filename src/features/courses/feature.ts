import type { Feature } from '../feature.js';
import { registerCourseAdminRoutes } from './admin.routes.js';
import { courseEnrolmentEntitlement } from './enrolment-entitlement.js';
import { registerLearnRoutes } from './learn.routes.js';
import { coursesMessages } from './messages.js';
import { courseProductSection } from './product-section.js';

export const coursesFeature: Feature = {
  name: 'courses',
  messages: coursesMessages,
  routes: (app, services) => {
    registerLearnRoutes(app, services);
    registerCourseAdminRoutes(app, services);
  },
  entitlements: [courseEnrolmentEntitlement],
  productSection: courseProductSection,
  adminNav: [{ href: '/admin/courses', label: 'courses.nav', position: 22 }],
};
