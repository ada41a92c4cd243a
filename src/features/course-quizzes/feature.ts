import type { Feature } from '../feature.js';
import { addDemoQuiz } from './demo.js';
import { courseQuizzesMessages } from './messages.js';
import { registerCourseQuizRoutes } from './routes.js';

export const courseQuizzesFeature: Feature = {
  name: 'course-quizzes',
  messages: courseQuizzesMessages,
  routes: registerCourseQuizRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerCourseQuizAdminRoutes],
  demo: (services) => addDemoQuiz(services.database.db),
};
