import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { claimSetting, getStoreSettings } from '../settings/store-settings.js';
import type { QuestionInput } from './quiz-input.js';
import { addQuestion, saveQuizSettings } from './save-quiz.js';

const DEMO_CLAIM = 'demo.course_quiz_added';

/** The demo course's second lesson (courses/demo.ts), in either language. */
const LESSON: Record<Locale, { course: string; lesson: string }> = {
  en: { course: 'garden-design-course', lesson: 'sun-and-soil' },
  de: { course: 'gartengestaltung-kurs', lesson: 'sonne-und-boden' },
};

const QUESTIONS: Record<Locale, QuestionInput[]> = {
  en: [
    {
      prompt: 'How long should you watch the light before planning?',
      kind: 'single',
      options: [
        { label: 'A whole day', correct: true },
        { label: 'Ten minutes at noon', correct: false },
        { label: 'Not at all', correct: false },
      ],
    },
    {
      prompt: 'What do the test holes tell you?',
      kind: 'multiple',
      options: [
        { label: 'The kind of soil', correct: true },
        { label: 'How well water drains', correct: true },
        { label: 'The best colour for the fence', correct: false },
      ],
    },
  ],
  de: [
    {
      prompt: 'Wie lange sollten Sie das Licht beobachten, bevor Sie planen?',
      kind: 'single',
      options: [
        { label: 'Einen ganzen Tag', correct: true },
        { label: 'Zehn Minuten am Mittag', correct: false },
        { label: 'Gar nicht', correct: false },
      ],
    },
    {
      prompt: 'Was verraten Ihnen die Probelöcher?',
      kind: 'multiple',
      options: [
        { label: 'Die Bodenart', correct: true },
        { label: 'Wie gut Wasser abfließt', correct: true },
        { label: 'Die beste Farbe für den Zaun', correct: false },
      ],
    },
  ],
};

/**
 * Demo store: a quiz on the demo course's soil lesson, required before the
 * second module (70 %, three attempts). Added once; nothing when the demo
 * course is not there.
 */
export async function addDemoQuiz(db: Kysely<DB>): Promise<{ added: number }> {
  const { locale } = await getStoreSettings(db);
  const slugs = LESSON[locale];
  const lesson = await db
    .selectFrom('course_lessons')
    .innerJoin('products', 'products.id', 'course_lessons.product_id')
    .select(['course_lessons.id', 'course_lessons.product_id'])
    .where('products.slug', '=', slugs.course)
    .where('course_lessons.slug', '=', slugs.lesson)
    .executeTakeFirst();
  if (!lesson) return { added: 0 };
  if (!(await claimSetting(db, DEMO_CLAIM, isoNow()))) return { added: 0 };
  const where = { productId: lesson.product_id, lessonId: lesson.id };
  await saveQuizSettings(db, { ...where, input: { passPercent: 70, maxAttempts: 3, required: true } });
  for (const input of QUESTIONS[locale]) await addQuestion(db, { ...where, input });
  return { added: 1 };
}
