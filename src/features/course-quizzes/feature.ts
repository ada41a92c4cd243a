import type { Feature } from '../feature.js';
import { courseQuizzesMessages } from './messages.js';
import { registerCourseQuizRoutes } from './routes.js';

export const courseQuizzesFeature: Feature = {
  name: 'course-quizzes',
  messages: courseQuizzesMessages,
  routes: registerCourseQuizRoutes,
};
