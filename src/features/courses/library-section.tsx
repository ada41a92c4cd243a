import type { LibrarySection } from '../library/library-section.js';
import { listStudentCourses } from './queries.js';

/** The customer's courses at the top of their library. */
export const courseLibrarySection: LibrarySection = async (db, email, ctx) => {
  const courses = await listStudentCourses(db, email);
  if (courses.length === 0) return null;
  return (
    <section class="panel library-courses" aria-labelledby="h-courses">
      <h2 id="h-courses">{ctx.t('courses.library.title')}</h2>
      <ul>
        {courses.map((c) => (
          <li>
            <a href={`/learn/${c.slug}`}>{c.title}</a>
            {c.completed_at && <span class="muted"> ({ctx.t('courses.library.completed')})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
};
