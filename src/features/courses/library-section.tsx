import type { LibrarySection } from '../library/library-section.js';
import { activeEnrolment } from './access.js';
import { listStudentCourses } from './queries.js';

/** The customer's courses at the top of their library. */
export const courseLibrarySection: LibrarySection = async (db, email, ctx) => {
  const listed = await listStudentCourses(db, email);
  // A member's row holds progress only: the course is listed while the membership includes it.
  const now = new Date();
  const courses = [];
  for (const c of listed) {
    if (c.source !== 'membership') courses.push(c);
    else if (await activeEnrolment(db, c, email, now)) courses.push(c);
  }
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
