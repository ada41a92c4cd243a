import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { FunnelRow } from './lesson-funnel.js';
import type { CourseRow } from './queries.js';
import type { StudentRow } from './students.js';

export const minutesOf = (seconds: number) => Math.round(seconds / 60);

export function StudentsPage({
  ctx,
  course,
  rows,
  lessons,
  funnel,
  cohorts,
  cohortId,
  page,
  hasNext,
  notice,
  error,
}: {
  ctx: PageContext;
  course: CourseRow;
  rows: StudentRow[];
  lessons: number;
  funnel: { rows: FunnelRow[]; students: number };
  cohorts: { id: string; name: string }[];
  /** The cohort the list is filtered to. */
  cohortId?: string | undefined;
  page: number;
  hasNext: boolean;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const base = `/admin/courses/${course.product_id}`;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, ctx.locale, ctx.timeZone) : '—');
  return (
    <AdminLayout ctx={ctx} title={ctx.t('courses.students.title', { course: course.title })}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      <p class="actions">
        <a href={base}>← {course.title}</a>
        <a href={`${base}/students.csv`}>{ctx.t('courses.students.csv')}</a>
      </p>
      {cohorts.length > 0 && (
        <nav class="actions" aria-label={ctx.t('courses.cohorts.title')}>
          <a href={`${base}/students`} aria-current={cohortId ? undefined : 'page'}>
            {ctx.t('courses.cohorts.all')}
          </a>
          {cohorts.map((c) => (
            <a href={`${base}/students?cohort=${c.id}`} aria-current={cohortId === c.id ? 'page' : undefined}>
              {c.name}
            </a>
          ))}
        </nav>
      )}
      {funnel.students > 0 && <FunnelTable ctx={ctx} funnel={funnel} />}
      {rows.length === 0 ? (
        <p class="empty">{ctx.t('courses.students.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('courses.students.student')}</th>
                <th scope="col">{ctx.t('courses.students.progress')}</th>
                <th scope="col">{ctx.t('courses.students.time')}</th>
                <th scope="col">{ctx.t('courses.students.lastActivity')}</th>
                <th scope="col">{ctx.t('courses.students.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`${base}/students/${r.id}`}>{r.name || r.email}</a>
                    <br />
                    <span class="muted">{r.email}</span>
                  </td>
                  <td>{ctx.t('courses.students.lessonsDone', { done: r.lessons_done, total: lessons })}</td>
                  <td>{ctx.t('courses.students.minutes', { n: minutesOf(r.seconds_spent) })}</td>
                  <td class="nowrap">{when(r.last_activity)}</td>
                  <td>
                    {r.revoked_at
                      ? ctx.t('courses.students.revoked', { date: when(r.revoked_at) })
                      : r.completed_at
                        ? ctx.t('courses.students.completed', { date: when(r.completed_at) })
                        : ctx.t(`courses.source.${r.source as 'order'}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        ctx={ctx}
        base={`${base}/students${cohortId ? `?cohort=${cohortId}&` : '?'}`}
        page={page}
        hasNext={hasNext}
      />
    </AdminLayout>
  );
}

function Pager({ ctx, base, page, hasNext }: { ctx: PageContext; base: string; page: number; hasNext: boolean }) {
  if (page === 1 && !hasNext) return null;
  return (
    <nav class="actions" aria-label={ctx.t('courses.students.pages')}>
      {page > 1 && <a href={`${base}page=${page - 1}`}>← {ctx.t('courses.students.previous')}</a>}
      {hasNext && <a href={`${base}page=${page + 1}`}>{ctx.t('courses.students.next')} →</a>}
    </nav>
  );
}

const percent = (n: number, of: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(of === 0 ? 0 : n / of);

/** Completion by lesson and where students stop, for students whose access has not ended. */
function FunnelTable({ ctx, funnel }: { ctx: PageContext; funnel: { rows: FunnelRow[]; students: number } }) {
  return (
    <section aria-labelledby="h-funnel">
      <h2 id="h-funnel">{ctx.t('courses.funnel.title')}</h2>
      <p class="muted">{ctx.t('courses.funnel.hint', { n: funnel.students })}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t('courses.funnel.lesson')}</th>
              <th scope="col">{ctx.t('courses.funnel.started')}</th>
              <th scope="col">{ctx.t('courses.funnel.completed')}</th>
              <th scope="col">{ctx.t('courses.funnel.rate')}</th>
              <th scope="col">{ctx.t('courses.funnel.stopped')}</th>
            </tr>
          </thead>
          <tbody>
            {funnel.rows.map((r) => (
              <tr>
                <th scope="row">{r.title}</th>
                <td>{r.started}</td>
                <td>{r.completed}</td>
                <td>{percent(r.completed, funnel.students, ctx.locale)}</td>
                <td>{r.stoppedHere}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
