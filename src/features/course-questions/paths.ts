/** Addresses of this feature's pages (and of the lesson page, which the courses feature serves). */

/** The creator's list of questions. */
export const adminQuestionsPath = '/admin/course-questions';

/** Where a student's question is posted (and where a refused one is shown again). */
export const askPath = (lessonId: string) => `/course-questions/${lessonId}`;

/** Where a student deletes their own question. */
export const deleteOwnPath = (lessonId: string, questionId: string) =>
  `/course-questions/${lessonId}/${questionId}/delete`;

/** The lesson page (courses' `/learn/:course/:lesson`), at its questions or at one question. */
export const lessonQuestionsHref = (courseSlug: string, lessonSlug: string, questionId?: string) =>
  `/learn/${courseSlug}/${lessonSlug}#${questionId ? `question-${questionId}` : 'questions'}`;
