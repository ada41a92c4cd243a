import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { demoPrice } from '../catalog/demo-products.js';
import { claimSetting, getStoreSettings } from '../settings/store-settings.js';

const DEMO_CLAIM = 'demo.courses_added';

type DemoLesson = { slug: string; title: string; body: string; preview?: boolean };
type DemoModule = { title: string; afterDays?: number; lessons: DemoLesson[] };
type DemoCourse = { slug: string; title: string; summary: string; description: string; modules: DemoModule[] };

const DEMO_COURSE: Record<Locale, DemoCourse> = {
  en: {
    slug: 'garden-design-course',
    title: 'Garden design for beginners',
    summary: 'Plan a garden that works all year: four lessons, at your own pace.',
    description:
      'A video course recorded once and taken by hundreds. The second module opens a week after you start, so there is time to try the first.',
    modules: [
      {
        title: 'Reading your plot',
        lessons: [
          {
            slug: 'welcome',
            title: 'Welcome and what you need',
            body: 'A tape measure, paper and an afternoon.',
            preview: true,
          },
          {
            slug: 'sun-and-soil',
            title: 'Sun, shade and soil',
            body: 'Watch the light for a day and dig three test holes.',
          },
        ],
      },
      {
        title: 'Drawing the plan',
        afterDays: 7,
        lessons: [
          {
            slug: 'paths-and-rooms',
            title: 'Paths and garden rooms',
            body: 'Paths first: they decide how the garden is used.',
          },
          {
            slug: 'planting-plan',
            title: 'The planting plan',
            body: 'Layers from trees to ground cover, with the plant list as a download.',
          },
        ],
      },
    ],
  },
  de: {
    slug: 'gartengestaltung-kurs',
    title: 'Gartengestaltung für Einsteiger',
    summary: 'Einen Garten planen, der das ganze Jahr funktioniert: vier Lektionen, in Ihrem Tempo.',
    description:
      'Ein Videokurs, einmal aufgenommen und von Hunderten belegt. Das zweite Modul öffnet eine Woche nach Ihrem Start, damit Zeit bleibt, das erste auszuprobieren.',
    modules: [
      {
        title: 'Das Grundstück lesen',
        lessons: [
          {
            slug: 'willkommen',
            title: 'Willkommen und was Sie brauchen',
            body: 'Ein Maßband, Papier und einen Nachmittag.',
            preview: true,
          },
          {
            slug: 'sonne-und-boden',
            title: 'Sonne, Schatten und Boden',
            body: 'Beobachten Sie einen Tag lang das Licht und graben Sie drei Probelöcher.',
          },
        ],
      },
      {
        title: 'Den Plan zeichnen',
        afterDays: 7,
        lessons: [
          {
            slug: 'wege-und-raeume',
            title: 'Wege und Gartenräume',
            body: 'Zuerst die Wege: Sie entscheiden, wie der Garten genutzt wird.',
          },
          {
            slug: 'pflanzplan',
            title: 'Der Pflanzplan',
            body: 'Schichten vom Baum bis zum Bodendecker, mit der Pflanzenliste zum Herunterladen.',
          },
        ],
      },
    ],
  },
};

/** The demo course's slugs in both languages (the demo history finds the course by them). */
export const DEMO_COURSE_SLUGS: readonly string[] = [DEMO_COURSE.en.slug, DEMO_COURSE.de.slug];

/** The demo store's course: published, priced, two modules (the second by drip); runs once. */
export async function addDemoCourse(db: Kysely<DB>): Promise<{ added: number }> {
  const { locale, currency } = await getStoreSettings(db);
  const course = DEMO_COURSE[locale];
  return db.transaction().execute(async (trx) => {
    if (!(await claimSetting(trx, DEMO_CLAIM, isoNow()))) return { added: 0 };
    const now = isoNow();
    const productId = randomUUID();
    await trx
      .insertInto('products')
      .values({
        id: productId,
        slug: course.slug,
        kind: 'course',
        title: course.title,
        summary: course.summary,
        description_md: course.description,
        status: 'published',
        pricing: 'fixed',
        currency,
        price_minor: demoPrice(79, currency),
        suggested_price_minor: null,
        cover_key: null,
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .execute();
    await trx
      .insertInto('courses')
      .values({ product_id: productId, study_minutes: 240, created_at: now, updated_at: now })
      .execute();
    for (const [position, module] of course.modules.entries()) {
      const moduleId = randomUUID();
      await trx
        .insertInto('course_modules')
        .values({
          id: moduleId,
          product_id: productId,
          title: module.title,
          position,
          created_at: now,
          unlock_kind: module.afterDays ? 'after_days' : 'immediate',
          unlock_days: module.afterDays ?? null,
          unlock_at: null,
          unlock_after_lesson_id: null,
        })
        .execute();
      for (const [at, lesson] of module.lessons.entries()) {
        await trx
          .insertInto('course_lessons')
          .values({
            id: randomUUID(),
            product_id: productId,
            module_id: moduleId,
            slug: lesson.slug,
            title: lesson.title,
            body_md: lesson.body,
            free_preview: lesson.preview ? 1 : 0,
            status: 'published',
            position: at,
            video_id: null,
            created_at: now,
            updated_at: now,
            unlock_days: null,
            unlock_at: null,
            unlock_after_lesson_id: null,
          })
          .execute();
      }
    }
    return { added: 1 };
  });
}
