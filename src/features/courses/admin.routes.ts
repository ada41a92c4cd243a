import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { acceptMultipartForms, takeUpload } from '../catalog/multipart.js';
import { needsFernusgWarning, readProductLegal } from '../legal/product-legal.js';
import { localInputToUtc } from '../posts/local-time.js';
import { listTiers } from '../posts/queries.js';
import { findCourse } from './access.js';
import { CourseEditorPage, type CourseListRow, CoursesListPage, LessonEditorPage } from './admin.pages.js';
import { adminSlots } from './admin-slots.js';
import { addAttachment, removeAttachment } from './attachments.js';
import { addCohort, listCohorts } from './cohorts.js';
import {
  checkLesson,
  checkUnlock,
  type FormErrors,
  lessonForm,
  lessonFormOf,
  readHours,
  settingsForm,
  unlockForm,
  unlockFormOf,
} from './course-input.js';
import {
  addLesson,
  addModule,
  createCourse,
  deleteModule,
  moveLesson,
  moveModule,
  saveCourseSettings,
  saveLesson,
  saveModule,
} from './edit-course.js';
import { listAttachments } from './queries.js';
import { registerStudentAdminRoutes } from './students.routes.js';

const courseParams = z.object({ id: z.uuid() });
const moduleParams = courseParams.extend({ moduleId: z.uuid() });
const lessonParams = courseParams.extend({ lessonId: z.uuid() });
const titleForm = z.object({
  title: z
    .string()
    .max(200)
    .default('')
    .transform((s) => s.trim()),
});
const cohortForm = z.object({
  name: z
    .string()
    .max(120)
    .default('')
    .transform((v) => v.trim()),
  startsAt: z.string().max(40).default(''),
});
const moveForm = z.object({ direction: z.enum(['up', 'down']).catch('up') });
const noticeQuery = z.object({ done: z.enum(['saved', 'created']).optional().catch(undefined) });

/** Courses in the admin: list and new course, the curriculum editor, the lesson editor. */
export function registerCourseAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;

  const courseOr404 = async (id: string) => {
    const course = await findCourse(db, id, true);
    if (!course) throw notFound('Course not found');
    return course;
  };

  const showList = async (req: FastifyRequest, reply: FastifyReply, error?: string, status = 200) => {
    const courses = await db
      .selectFrom('courses as c')
      .innerJoin('products as p', 'p.id', 'c.product_id')
      .select(['c.product_id', 'p.title', 'p.status'])
      .select((eb) => [
        eb
          .selectFrom('course_lessons as l')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('l.product_id', '=', 'c.product_id')
          .as('lessons'),
        eb
          .selectFrom('course_enrolments as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.product_id', '=', 'c.product_id')
          .where('e.revoked_at', 'is', null)
          .as('students'),
      ])
      .orderBy('p.title')
      .execute();
    const rows: CourseListRow[] = courses.map((c) => ({
      ...c,
      lessons: Number(c.lessons ?? 0),
      students: Number(c.students ?? 0),
    }));
    const ctx = await adminPageContext(req, reply, services);
    return sendPage(reply, CoursesListPage({ ctx, courses: rows, ...(error ? { error } : {}) }), status);
  };

  app.get('/admin/courses', guard, (req, reply) => showList(req, reply));

  app.post('/admin/courses/new', guard, async (req, reply) => {
    const { title } = titleForm.parse(req.body ?? {});
    if (!title) {
      const ctx = await adminPageContext(req, reply, services);
      return showList(req, reply, ctx.t('courses.error.title'), 400);
    }
    const id = await createCourse(db, title, actor(req));
    return reply.redirect(`/admin/courses/${id}?done=created`, 303);
  });

  const showEditor = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: {
      errors?: { moduleId?: string; errors: FormErrors };
      moduleForm?: [string, ReturnType<typeof unlockFormOf> & { title: string }];
      notice?: string;
    } = {},
    status = 200,
  ) => {
    const course = await courseOr404(id);
    const [ctx, modules, lessons, tiers, cohorts, legal] = await Promise.all([
      adminPageContext(req, reply, services),
      db.selectFrom('course_modules').selectAll().where('product_id', '=', id).orderBy('position').execute(),
      db.selectFrom('course_lessons').selectAll().where('product_id', '=', id).orderBy('position').execute(),
      listTiers(db),
      listCohorts(db, id),
      readProductLegal(db, id),
    ]);
    const moduleForms = Object.fromEntries(
      modules.map((m) => [m.id, { ...unlockFormOf(m, ctx.timeZone), title: m.title }]),
    );
    if (extra.moduleForm) moduleForms[extra.moduleForm[0]] = extra.moduleForm[1];
    const ordered = modules.flatMap((m) => lessons.filter((l) => l.module_id === m.id));
    return sendPage(
      reply,
      CourseEditorPage({
        ctx,
        course,
        modules,
        lessons: ordered,
        tiers,
        moduleForms,
        cohorts,
        fernusgWarning: needsFernusgWarning(legal),
        errors: extra.errors,
        notice: extra.notice,
      }),
      status,
    );
  };

  app.get(
    '/admin/courses/:id',
    { ...guard, schema: { params: courseParams, querystring: noticeQuery } },
    async (req, reply) => {
      const ctx = await adminPageContext(req, reply, services);
      return showEditor(
        req,
        reply,
        req.params.id,
        req.query.done ? { notice: ctx.t(`courses.notice.${req.query.done}`) } : {},
      );
    },
  );

  app.post('/admin/courses/:id/settings', { ...guard, schema: { params: courseParams } }, async (req, reply) => {
    await courseOr404(req.params.id);
    const form = settingsForm.parse(req.body ?? {});
    const minutes = readHours(form.studyHours);
    if (minutes === undefined)
      return showEditor(
        req,
        reply,
        req.params.id,
        { errors: { moduleId: 'settings', errors: { studyHours: 'courses.error.hours' } } },
        400,
      );
    const known = new Set((await listTiers(db)).map((t) => t.id));
    const tierIds = [form.tiers ?? []].flat().filter((t) => known.has(t));
    await saveCourseSettings(db, req.params.id, {
      tierIds,
      studyMinutes: minutes,
      certificate: form.certificate === 'yes',
    });
    return reply.redirect(`/admin/courses/${req.params.id}?done=saved`, 303);
  });

  app.post('/admin/courses/:id/modules', { ...guard, schema: { params: courseParams } }, async (req, reply) => {
    await courseOr404(req.params.id);
    const { title } = titleForm.parse(req.body ?? {});
    if (!title)
      return showEditor(
        req,
        reply,
        req.params.id,
        { errors: { moduleId: 'new', errors: { title: 'courses.error.title' } } },
        400,
      );
    await addModule(db, req.params.id, title);
    return reply.redirect(`/admin/courses/${req.params.id}?done=saved`, 303);
  });

  const moduleOr404 = async (id: string, moduleId: string) => {
    const m = await db
      .selectFrom('course_modules')
      .selectAll()
      .where('id', '=', moduleId)
      .where('product_id', '=', id)
      .executeTakeFirst();
    if (!m) throw notFound('Module not found');
    return m;
  };

  app.post(
    '/admin/courses/:id/modules/:moduleId',
    { ...guard, schema: { params: moduleParams } },
    async (req, reply) => {
      const { id, moduleId } = req.params;
      await moduleOr404(id, moduleId);
      const form = unlockForm.extend(titleForm.shape).parse(req.body ?? {});
      const lessons = await db.selectFrom('course_lessons').select('id').where('product_id', '=', id).execute();
      const ctx = await adminPageContext(req, reply, services);
      const unlock = checkUnlock(form, ctx.timeZone, new Set(lessons.map((l) => l.id)));
      const errors: FormErrors = {
        ...(unlock.ok ? {} : unlock.errors),
        ...(form.title ? {} : { title: 'courses.error.title' }),
      };
      if (!unlock.ok || !form.title)
        return showEditor(req, reply, id, { errors: { moduleId, errors }, moduleForm: [moduleId, form] }, 400);
      await saveModule(db, moduleId, form.title, unlock.unlock);
      return reply.redirect(`/admin/courses/${id}?done=saved`, 303);
    },
  );

  app.post(
    '/admin/courses/:id/modules/:moduleId/move',
    { ...guard, schema: { params: moduleParams } },
    async (req, reply) => {
      await moduleOr404(req.params.id, req.params.moduleId);
      await moveModule(db, req.params.id, req.params.moduleId, moveForm.parse(req.body ?? {}).direction);
      return reply.redirect(`/admin/courses/${req.params.id}`, 303);
    },
  );

  app.post(
    '/admin/courses/:id/modules/:moduleId/delete',
    { ...guard, schema: { params: moduleParams } },
    async (req, reply) => {
      await moduleOr404(req.params.id, req.params.moduleId);
      await deleteModule(db, req.params.moduleId);
      return reply.redirect(`/admin/courses/${req.params.id}?done=saved`, 303);
    },
  );

  app.post(
    '/admin/courses/:id/modules/:moduleId/lessons',
    { ...guard, schema: { params: moduleParams } },
    async (req, reply) => {
      await moduleOr404(req.params.id, req.params.moduleId);
      const { title } = titleForm.parse(req.body ?? {});
      if (!title)
        return showEditor(
          req,
          reply,
          req.params.id,
          { errors: { moduleId: req.params.moduleId, errors: { title: 'courses.error.title' } } },
          400,
        );
      const lessonId = await addLesson(db, req.params.id, req.params.moduleId, title);
      return reply.redirect(`/admin/courses/${req.params.id}/lessons/${lessonId}`, 303);
    },
  );

  const lessonOr404 = async (id: string, lessonId: string) => {
    const lesson = await db
      .selectFrom('course_lessons')
      .selectAll()
      .where('id', '=', lessonId)
      .where('product_id', '=', id)
      .executeTakeFirst();
    if (!lesson) throw notFound('Lesson not found');
    return lesson;
  };

  const showLesson = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    lessonId: string,
    extra: { form?: z.infer<typeof lessonForm>; errors?: FormErrors; notice?: string; attachmentError?: string } = {},
    status = 200,
  ) => {
    const [course, lesson, ctx] = await Promise.all([
      courseOr404(id),
      lessonOr404(id, lessonId),
      adminPageContext(req, reply, services),
    ]);
    const lessons = await db
      .selectFrom('course_lessons')
      .selectAll()
      .where('product_id', '=', id)
      .orderBy('position')
      .execute();
    const [slots, attachments] = await Promise.all([adminSlots(services, ctx, lesson), listAttachments(db, lesson.id)]);
    const form = extra.form ?? lessonFormOf(lesson, ctx.timeZone);
    const { errors, notice, attachmentError } = extra;
    return sendPage(
      reply,
      LessonEditorPage({ ctx, course, lesson, lessons, form, errors, notice, attachments, attachmentError, ...slots }),
      status,
    );
  };

  app.get(
    '/admin/courses/:id/lessons/:lessonId',
    { ...guard, schema: { params: lessonParams, querystring: noticeQuery } },
    async (req, reply) => {
      const ctx = await adminPageContext(req, reply, services);
      return showLesson(
        req,
        reply,
        req.params.id,
        req.params.lessonId,
        req.query.done ? { notice: ctx.t(`courses.notice.${req.query.done}`) } : {},
      );
    },
  );

  app.post(
    '/admin/courses/:id/lessons/:lessonId',
    { ...guard, schema: { params: lessonParams } },
    async (req, reply) => {
      const { id, lessonId } = req.params;
      await lessonOr404(id, lessonId);
      const form = lessonForm.parse(req.body ?? {});
      const others = await db
        .selectFrom('course_lessons')
        .select('id')
        .where('product_id', '=', id)
        .where('id', '!=', lessonId)
        .execute();
      const ctx = await adminPageContext(req, reply, services);
      const checked = checkLesson(form, ctx.timeZone, new Set(others.map((l) => l.id)));
      if (!checked.ok) return showLesson(req, reply, id, lessonId, { form, errors: checked.errors }, 400);
      if ((await saveLesson(db, lessonId, checked.input)) === 'slug-taken')
        return showLesson(req, reply, id, lessonId, { form, errors: { slug: 'courses.error.slugTaken' } }, 400);
      return reply.redirect(`/admin/courses/${id}/lessons/${lessonId}?done=saved`, 303);
    },
  );

  app.post(
    '/admin/courses/:id/lessons/:lessonId/move',
    { ...guard, schema: { params: lessonParams } },
    async (req, reply) => {
      await lessonOr404(req.params.id, req.params.lessonId);
      await moveLesson(db, req.params.lessonId, moveForm.parse(req.body ?? {}).direction);
      return reply.redirect(`/admin/courses/${req.params.id}`, 303);
    },
  );

  app.post('/admin/courses/:id/cohorts', { ...guard, schema: { params: courseParams } }, async (req, reply) => {
    await courseOr404(req.params.id);
    const form = cohortForm.parse(req.body ?? {});
    const ctx = await adminPageContext(req, reply, services);
    const startsAt = localInputToUtc(form.startsAt, ctx.timeZone);
    const errors: FormErrors = {
      ...(form.name ? {} : { name: 'courses.error.title' }),
      ...(startsAt ? {} : { startsAt: 'courses.error.at' }),
    };
    if (!form.name || !startsAt)
      return showEditor(req, reply, req.params.id, { errors: { moduleId: 'cohort', errors } }, 400);
    await addCohort(db, req.params.id, form.name, startsAt.toISOString());
    return reply.redirect(`/admin/courses/${req.params.id}?done=saved`, 303);
  });

  // Materials: a multipart upload in its own scope (the parser is for this route only).
  app.register(async (scope) => {
    const maxBytes = services.config.maxUploadBytes;
    acceptMultipartForms(scope, maxBytes);
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/admin/courses/:id/lessons/:lessonId/attachments',
        { ...guard, schema: { params: lessonParams } },
        async (req, reply) => {
          const { id, lessonId } = req.params;
          await lessonOr404(id, lessonId);
          const { fields, upload } = takeUpload(req);
          const result = await addAttachment({
            db,
            storage: services.storage,
            lessonId,
            upload,
            name: fields.name ?? '',
            maxBytes,
          });
          if (result.kind === 'ok') return reply.redirect(`/admin/courses/${id}/lessons/${lessonId}?done=saved`, 303);
          const ctx = await adminPageContext(req, reply, services);
          const attachmentError = ctx.t(`courses.attachments.error.${result.kind}`, {
            mb: Math.floor(maxBytes / 1024 / 1024),
          });
          return showLesson(req, reply, id, lessonId, { attachmentError }, 400);
        },
      );
  });

  app.post(
    '/admin/courses/:id/lessons/:lessonId/attachments/:attachmentId/delete',
    { ...guard, schema: { params: lessonParams.extend({ attachmentId: z.uuid() }) } },
    async (req, reply) => {
      const { id, lessonId, attachmentId } = req.params;
      await lessonOr404(id, lessonId);
      if (!(await removeAttachment(db, services.storage, lessonId, attachmentId))) throw notFound('File not found');
      return reply.redirect(`/admin/courses/${id}/lessons/${lessonId}?done=saved`, 303);
    },
  );

  registerStudentAdminRoutes(fastify, services);
}
