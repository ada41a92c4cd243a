import type { ProductSection } from '../catalog/product-section.js';
import { lessonPath } from './learn.pages.js';

/** The curriculum on a course's product page: modules, lesson titles, free previews linked. */
export const courseProductSection: ProductSection = async (db, product, ctx) => {
  if (product.kind !== 'course') return null;
  const [modules, lessons] = await Promise.all([
    db.selectFrom('course_modules').selectAll().where('product_id', '=', product.id).orderBy('position').execute(),
    db
      .selectFrom('course_lessons')
      .selectAll()
      .where('product_id', '=', product.id)
      .where('status', '=', 'published')
      .orderBy('position')
      .execute(),
  ]);
  if (lessons.length === 0) return null;
  const shown = modules.filter((m) => lessons.some((l) => l.module_id === m.id));
  return (
    <section class="product-curriculum" aria-labelledby="h-curriculum">
      <h2 id="h-curriculum">{ctx.t('courses.section.title')}</h2>
      <p class="muted">{ctx.t('courses.section.lessons', { n: lessons.length, m: shown.length })}</p>
      <ol class="curriculum">
        {shown.map((m) => (
          <li>
            <h3>{m.title}</h3>
            <ol>
              {lessons
                .filter((l) => l.module_id === m.id)
                .map((l) => (
                  <li>
                    {l.free_preview === 1 ? (
                      <>
                        <a href={lessonPath(product.slug, l.slug)}>{l.title}</a>{' '}
                        <span class="badge">{ctx.t('courses.section.preview')}</span>
                      </>
                    ) : (
                      l.title
                    )}
                  </li>
                ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
};
