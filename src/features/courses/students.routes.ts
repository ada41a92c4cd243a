import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { pageNumber } from '../../web/form-fields.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { requireAdmin } from '../auth/sessions.js';
import { CSV_BOM, csvFileName, csvLine } from '../orders/csv.js';
import { findCourse } from './access.js';
import { listCohorts, moveToCohort } from './cohorts.js';
import { loadLessonFunnel } from './lesson-funnel.js';
import { StudentPage } from './student.page.js';
import { listStudents, saveOverride, studentProgress } from './students.js';
import { minutesOf, StudentsPage } from './students.page.js';

const courseParams = z.object({ id: z.uuid() });
const studentParams = courseParams.extend({ enrolmentId: z.uuid() });
const overrideForm = z.object({
  unlockAll: z.string().optional(),
  shiftDays: z.string().max(10).default('0'),
  cohort: z.string().max(60).optional(),
});
const noticeQuery = z.object({
  done: z.enum(['saved']).optional().catch(undefined),
  cohort: z.uuid().optional().catch(undefined),
  page: pageNumber(),
});

/** A course's students: progress, time spent, the drip override, CSV. */
export function registerStudentAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  const courseOr404 = async (id: string) => {
    const course = await findCourse(db, id, true);
    if (!course) throw notFound('Course not found');
    return course;
  };

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { notice?: string; error?: string; cohortId?: string | undefined; page?: number },
    status = 200,
  ) => {
    const [course, ctx, list, funnel, cohorts] = await Promise.all([
      courseOr404(id),
      adminPageContext(req, reply, services),
      listStudents(db, id, { cohortId: extra.cohortId, page: extra.page ?? 1 }),
      loadLessonFunnel(db, id),
      listCohorts(db, id),
    ]);
    return sendPage(
      reply,
      StudentsPage({ ctx, course, ...list, funnel, cohorts, page: extra.page ?? 1, ...extra }),
      status,
    );
  };

  app.get(
    '/admin/courses/:id/students',
    { ...guard, schema: { params: courseParams, querystring: noticeQuery } },
    async (req, reply) => {
      const ctx = await adminPageContext(req, reply, services);
      const notice = req.query.done ? { notice: ctx.t('courses.notice.saved') } : {};
      return show(req, reply, req.params.id, { ...notice, cohortId: req.query.cohort, page: req.query.page });
    },
  );

  const showStudent = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    enrolmentId: string,
    extra: { notice?: string; error?: string },
    status = 200,
  ) => {
    const [course, ctx, student, cohorts] = await Promise.all([
      courseOr404(id),
      adminPageContext(req, reply, services),
      studentProgress(db, id, enrolmentId),
      listCohorts(db, id),
    ]);
    if (!student) throw notFound('Student not found');
    return sendPage(reply, StudentPage({ ctx, course, student, cohorts, ...extra }), status);
  };

  app.get(
    '/admin/courses/:id/students/:enrolmentId',
    { ...guard, schema: { params: studentParams, querystring: noticeQuery } },
    async (req, reply) => {
      const ctx = await adminPageContext(req, reply, services);
      const notice = req.query.done ? { notice: ctx.t('courses.notice.saved') } : {};
      return showStudent(req, reply, req.params.id, req.params.enrolmentId, notice);
    },
  );

  app.post(
    '/admin/courses/:id/students/:enrolmentId',
    { ...guard, schema: { params: studentParams } },
    async (req, reply) => {
      const { id, enrolmentId } = req.params;
      await courseOr404(id);
      const form = overrideForm.parse(req.body ?? {});
      const shift = readShiftDays(form.shiftDays);
      const cohorts = await listCohorts(db, id);
      const cohortKnown = !form.cohort || cohorts.some((c) => c.id === form.cohort);
      if (shift === undefined || !cohortKnown) {
        const ctx = await adminPageContext(req, reply, services);
        const error = ctx.t(shift === undefined ? 'courses.error.shiftDays' : 'courses.error.cohort');
        return showStudent(req, reply, id, enrolmentId, { error }, 400);
      }
      if (!(await saveOverride(db, id, enrolmentId, form.unlockAll === 'yes', shift)))
        throw notFound('Student not found');
      if (form.cohort !== undefined) await moveToCohort(db, id, enrolmentId, form.cohort || null);
      return reply.redirect(`/admin/courses/${id}/students/${enrolmentId}?done=saved`, 303);
    },
  );

  app.get('/admin/courses/:id/students.csv', { ...guard, schema: { params: courseParams } }, async (req, reply) => {
    const course = await courseOr404(req.params.id);
    const { rows, lessons } = await listStudents(db, req.params.id, { page: 0 });
    const head = [
      'email',
      'name',
      'source',
      'enrolled_at',
      'lessons_done',
      'lessons_total',
      'minutes_spent',
      'last_activity',
      'completed_at',
      'revoked_at',
    ];
    const body = rows.map((r) =>
      csvLine([
        r.email,
        r.name,
        r.source,
        r.enrolled_at,
        r.lessons_done,
        lessons,
        minutesOf(r.seconds_spent),
        r.last_activity,
        r.completed_at,
        r.revoked_at,
      ]),
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFileName(`students-${course.slug}`)}"`)
      .send(CSV_BOM + csvLine(head) + body.join(''));
  });
}

/** Days typed to move a schedule: empty means 0; a whole number from −365 to 365, else undefined. */
function readShiftDays(value: string): number | undefined {
  const v = value.trim().replace('−', '-');
  if (v === '') return 0;
  if (!/^-?\d{1,3}$/.test(v)) return undefined;
  const n = Number(v);
  return Math.abs(n) <= 365 ? n : undefined;
}
