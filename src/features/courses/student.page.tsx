import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { CourseRow } from './queries.js';
import type { StudentProgress } from './students.js';
import { minutesOf } from './students.page.js';

const share = (watched: number, duration: number, locale: string) =>
  duration > 0
    ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
        Math.min(watched / duration, 1),
      )
    : '—';

/** One student: progress lesson by lesson, and the release override (unlock all, shift, cohort). */
export function StudentPage({
  ctx,
  course,
  student,
  cohorts,
  notice,
  error,
}: {
  ctx: PageContext;
  course: CourseRow;
  student: StudentProgress;
  cohorts: { id: string; name: string }[];
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { enrolment: e } = student;
  const base = `/admin/courses/${course.product_id}/students`;
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, ctx.locale, ctx.timeZone) : '—');
  return (
    <AdminLayout ctx={ctx} title={e.name || e.email}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      <p class="actions">
        <a href={base}>← {ctx.t('courses.students.title', { course: course.title })}</a>
      </p>
      <p class="muted">
        {e.email} · {ctx.t(`courses.source.${e.source}`)} ·{' '}
        {ctx.t('courses.student.enrolled', { date: when(e.enrolled_at) })}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t('courses.funnel.lesson')}</th>
              <th scope="col">{ctx.t('courses.student.opened')}</th>
              <th scope="col">{ctx.t('courses.student.watched')}</th>
              <th scope="col">{ctx.t('courses.students.time')}</th>
              <th scope="col">{ctx.t('courses.funnel.completed')}</th>
            </tr>
          </thead>
          <tbody>
            {student.lessons.map((l) => (
              <tr>
                <th scope="row">{l.title}</th>
                <td class="nowrap">{when(l.progress?.first_opened_at)}</td>
                <td>{l.progress ? share(l.progress.watched_seconds, l.progress.duration_seconds, ctx.locale) : '—'}</td>
                <td>{ctx.t('courses.students.minutes', { n: minutesOf(l.progress?.time_spent_seconds ?? 0) })}</td>
                <td class="nowrap">{when(l.progress?.completed_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="h-override" class="panel">
        <h2 id="h-override">{ctx.t('courses.students.override')}</h2>
        <Form ctx={ctx} action={`${base}/${e.id}`} idPrefix="override">
          <label class="check">
            <input type="checkbox" name="unlockAll" value="yes" checked={e.unlock_all === 1} />{' '}
            {ctx.t('courses.students.unlockAll')}
          </label>
          <div class="field">
            <label for="f-override-shiftDays">{ctx.t('courses.students.shiftDays')}</label>
            <input
              type="number"
              id="f-override-shiftDays"
              name="shiftDays"
              value={String(e.shift_days)}
              min={-365}
              max={365}
              inputmode="numeric"
            />
          </div>
          {cohorts.length > 0 && (
            <div class="field">
              <label for="f-override-cohort">{ctx.t('courses.cohorts.cohort')}</label>
              <select id="f-override-cohort" name="cohort">
                <option value="">{ctx.t('courses.cohorts.none')}</option>
                {cohorts.map((c) => (
                  <option value={c.id} selected={e.cohort_id === c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit">{ctx.t('courses.admin.save')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}
