import type { VNode } from 'preact';
import type { CourseLesson, CourseModule, LessonAttachment } from '../../db/schema.js';
import { Alert, Field, Form, Select, useFieldId } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { courseTierIds } from './access.js';
import { type FormErrors, type LessonForm, UNLOCK_KINDS, type UnlockForm } from './course-input.js';
import { lessonPath } from './learn.pages.js';
import type { CourseRow } from './queries.js';

const err = (ctx: PageContext, errors: FormErrors | undefined, k: string) => {
  const key = errors?.[k];
  return key ? ctx.t(key) : undefined;
};

export type CourseListRow = { product_id: string; title: string; status: string; lessons: number; students: number };

export function CoursesListPage({
  ctx,
  courses,
  error,
}: {
  ctx: PageContext;
  courses: CourseListRow[];
  error?: string;
}) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('courses.admin.title')}>
      {courses.length === 0 ? (
        <p class="empty">{ctx.t('courses.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('courses.admin.course')}</th>
                <th scope="col">{ctx.t('courses.admin.status')}</th>
                <th scope="col">{ctx.t('courses.admin.lessons')}</th>
                <th scope="col">{ctx.t('courses.admin.students')}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr>
                  <td>
                    <a href={`/admin/courses/${c.product_id}`}>{c.title}</a>
                  </td>
                  <td>{ctx.t(`catalog.status.${c.status as 'draft'}`)}</td>
                  <td>{c.lessons}</td>
                  <td>
                    <a href={`/admin/courses/${c.product_id}/students`}>{c.students}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{ctx.t('courses.admin.new')}</h2>
      <Form ctx={ctx} action="/admin/courses/new" idPrefix="new">
        <Field name="title" label={ctx.t('courses.field.title')} error={error} required />
        <button type="submit">{ctx.t('courses.admin.create')}</button>
      </Form>
    </AdminLayout>
  );
}

export function UnlockFields({
  ctx,
  form,
  errors,
  lessons,
  selfId,
}: {
  ctx: PageContext;
  form: UnlockForm;
  errors?: FormErrors | undefined;
  lessons: CourseLesson[];
  selfId?: string;
}) {
  const kindId = useFieldId('unlockKind');
  const afterId = useFieldId('unlockAfter');
  const atId = useFieldId('unlockAt');
  return (
    <fieldset class="field">
      <legend>{ctx.t('courses.field.unlock')}</legend>
      <label for={kindId}>{ctx.t('courses.field.unlockKind')}</label>
      <select id={kindId} name="unlockKind">
        {UNLOCK_KINDS.map((k) => (
          <option value={k} selected={form.unlockKind === k}>
            {ctx.t(`courses.unlock.${k}`)}
          </option>
        ))}
      </select>
      {err(ctx, errors, 'unlockKind') && <p class="error">{err(ctx, errors, 'unlockKind')}</p>}
      <Field
        name="unlockDays"
        type="number"
        label={ctx.t('courses.field.unlockDays')}
        value={form.unlockDays}
        error={err(ctx, errors, 'unlockDays')}
        inputmode="numeric"
      />
      <div class={errors?.unlockAt ? 'field invalid' : 'field'}>
        <label for={atId}>{ctx.t('courses.field.unlockAt', { zone: ctx.timeZone })}</label>
        <input type="datetime-local" id={atId} name="unlockAt" value={form.unlockAt} />
        {err(ctx, errors, 'unlockAt') && <p class="error">{err(ctx, errors, 'unlockAt')}</p>}
      </div>
      <label for={afterId}>{ctx.t('courses.field.unlockAfter')}</label>
      <select id={afterId} name="unlockAfter">
        <option value="">—</option>
        {lessons
          .filter((l) => l.id !== selfId)
          .map((l) => (
            <option value={l.id} selected={form.unlockAfter === l.id}>
              {l.title}
            </option>
          ))}
      </select>
      {err(ctx, errors, 'unlockAfter') && <p class="error">{err(ctx, errors, 'unlockAfter')}</p>}
    </fieldset>
  );
}

function MoveButtons({ ctx, action, label }: { ctx: PageContext; action: string; label: string }) {
  return (
    <span class="move">
      <Form ctx={ctx} action={action} class="inline">
        <button
          type="submit"
          class="secondary"
          name="direction"
          value="up"
          aria-label={ctx.t('courses.admin.moveUp', { name: label })}
        >
          ↑
        </button>
        <button
          type="submit"
          class="secondary"
          name="direction"
          value="down"
          aria-label={ctx.t('courses.admin.moveDown', { name: label })}
        >
          ↓
        </button>
      </Form>
    </span>
  );
}

export type CourseEditorProps = {
  ctx: PageContext;
  course: CourseRow;
  modules: CourseModule[];
  lessons: CourseLesson[];
  tiers: { id: string; name: string }[];
  moduleForms: Record<string, UnlockForm & { title: string }>;
  errors?: { moduleId?: string; errors: FormErrors } | undefined;
  notice?: string | undefined;
  cohorts: CohortRow[];
  /** Flagged as distance learning (FernUSG) without a licence number: publishing it is not allowed. */
  fernusgWarning: boolean;
};

export type CohortRow = { id: string; name: string; starts_at: string; students: number | string | null };

/** Runs of the course with a start date; drip counts from it for its students. */
function CohortsSection({
  ctx,
  base,
  cohorts,
  errors,
}: {
  ctx: PageContext;
  base: string;
  cohorts: CohortRow[];
  errors?: FormErrors | undefined;
}) {
  return (
    <section aria-labelledby="h-cohorts" class="panel">
      <h2 id="h-cohorts">{ctx.t('courses.cohorts.title')}</h2>
      <p class="muted">{ctx.t('courses.cohorts.hint')}</p>
      {cohorts.length > 0 && (
        <ul>
          {cohorts.map((c) => (
            <li>
              <a href={`${base}/students?cohort=${c.id}`}>{c.name}</a>:{' '}
              {ctx.t('courses.cohorts.starts', { date: formatDateTime(c.starts_at, ctx.locale, ctx.timeZone) })} ·{' '}
              {ctx.t('courses.cohorts.students', { n: Number(c.students ?? 0) })}
            </li>
          ))}
        </ul>
      )}
      <Form ctx={ctx} action={`${base}/cohorts`} idPrefix="cohort" class="inline-form">
        <Field name="name" label={ctx.t('courses.cohorts.name')} error={err(ctx, errors, 'name')} required />
        <div class={errors?.startsAt ? 'field invalid' : 'field'}>
          <label for="f-cohort-startsAt">{ctx.t('courses.cohorts.startsAt', { zone: ctx.timeZone })}</label>
          <input type="datetime-local" id="f-cohort-startsAt" name="startsAt" required />
          {err(ctx, errors, 'startsAt') && <p class="error">{err(ctx, errors, 'startsAt')}</p>}
        </div>
        <button type="submit">{ctx.t('courses.cohorts.add')}</button>
      </Form>
    </section>
  );
}

export function CourseEditorPage({
  ctx,
  course,
  modules,
  lessons,
  tiers,
  moduleForms,
  errors,
  notice,
  cohorts,
  fernusgWarning,
}: CourseEditorProps) {
  const base = `/admin/courses/${course.product_id}`;
  const chosen = courseTierIds(course);
  return (
    <AdminLayout ctx={ctx} title={course.title}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {errors && <Alert kind="error">{ctx.t('courses.error.form')}</Alert>}
      {fernusgWarning && (
        <Alert kind="error">
          {ctx.t('legal.fernusg.warning', { title: course.title })}{' '}
          <a href={`/admin/products/${course.product_id}/legal`}>{ctx.t('courses.admin.legalSettings')}</a>
        </Alert>
      )}
      <p class="actions">
        <a href={`/admin/products/${course.product_id}`}>{ctx.t('courses.admin.productSettings')}</a>
        <a href={`/learn/${course.slug}`}>{ctx.t('courses.admin.preview')}</a>
        <a href={`${base}/students`}>{ctx.t('courses.admin.students')}</a>
      </p>
      <p class="muted">{ctx.t('courses.admin.productHint')}</p>
      <section aria-labelledby="h-settings" class="panel">
        <h2 id="h-settings">{ctx.t('courses.admin.settings')}</h2>
        <Form ctx={ctx} action={`${base}/settings`} idPrefix="settings">
          {tiers.length > 0 && (
            <fieldset class="field">
              <legend>{ctx.t('courses.field.tiers')}</legend>
              {tiers.map((tier) => (
                <label class="check">
                  <input type="checkbox" name="tiers" value={tier.id} checked={chosen.includes(tier.id)} /> {tier.name}
                </label>
              ))}
            </fieldset>
          )}
          <Field
            name="studyHours"
            label={ctx.t('courses.field.studyHours')}
            value={
              course.study_minutes
                ? String(course.study_minutes / 60).replace('.', ctx.locale === 'de' ? ',' : '.')
                : ''
            }
            error={errors?.moduleId === 'settings' ? err(ctx, errors.errors, 'studyHours') : undefined}
            inputmode="decimal"
          />
          <label class="check">
            <input type="checkbox" name="certificate" value="yes" checked={course.certificate === 1} />{' '}
            {ctx.t('courses.field.certificate')}
          </label>
          <button type="submit">{ctx.t('courses.admin.save')}</button>
        </Form>
      </section>
      <h2>{ctx.t('courses.admin.curriculum')}</h2>
      {modules.length === 0 && <p class="empty">{ctx.t('courses.admin.noModules')}</p>}
      {modules.map((m, i) => {
        const form = moduleForms[m.id];
        const own = lessons.filter((l) => l.module_id === m.id);
        const moduleErrors = errors?.moduleId === m.id ? errors.errors : undefined;
        return (
          <section class="panel course-module" aria-labelledby={`h-module-${m.id}`}>
            <h3 id={`h-module-${m.id}`}>
              {ctx.t('courses.admin.module', { n: i + 1 })}: {m.title}
            </h3>
            <MoveButtons ctx={ctx} action={`${base}/modules/${m.id}/move`} label={m.title} />
            <ol class="admin-lessons">
              {own.map((l) => (
                <li>
                  <a href={`${base}/lessons/${l.id}`}>{l.title}</a>{' '}
                  <span class="badge">{ctx.t(`courses.lessonStatus.${l.status}`)}</span>
                  {l.free_preview === 1 && <span class="badge">{ctx.t('courses.section.preview')}</span>}
                  <MoveButtons ctx={ctx} action={`${base}/lessons/${l.id}/move`} label={l.title} />
                </li>
              ))}
            </ol>
            <Form ctx={ctx} action={`${base}/modules/${m.id}/lessons`} idPrefix={`add-${m.id}`} class="inline-form">
              <Field name="title" label={ctx.t('courses.admin.newLesson')} required />
              <button type="submit">{ctx.t('courses.admin.addLesson')}</button>
            </Form>
            <details open={moduleErrors !== undefined}>
              <summary>{ctx.t('courses.admin.moduleSettings')}</summary>
              <Form ctx={ctx} action={`${base}/modules/${m.id}`} idPrefix={`module-${m.id}`}>
                <Field
                  name="title"
                  label={ctx.t('courses.field.moduleTitle')}
                  value={form?.title ?? m.title}
                  error={err(ctx, moduleErrors, 'title')}
                  required
                />
                {form && <UnlockFields ctx={ctx} form={form} errors={moduleErrors} lessons={lessons} />}
                <button type="submit">{ctx.t('courses.admin.save')}</button>
              </Form>
              {own.length === 0 && (
                <Form ctx={ctx} action={`${base}/modules/${m.id}/delete`} idPrefix={`delete-${m.id}`}>
                  <button type="submit" class="danger">
                    {ctx.t('courses.admin.deleteModule')}
                  </button>
                </Form>
              )}
            </details>
          </section>
        );
      })}
      <Form ctx={ctx} action={`${base}/modules`} idPrefix="new-module">
        <Field
          name="title"
          label={ctx.t('courses.admin.newModule')}
          required
          error={errors?.moduleId === 'new' ? err(ctx, errors.errors, 'title') : undefined}
        />
        <button type="submit">{ctx.t('courses.admin.addModule')}</button>
      </Form>
      <CohortsSection
        ctx={ctx}
        base={base}
        cohorts={cohorts}
        errors={errors?.moduleId === 'cohort' ? errors.errors : undefined}
      />
    </AdminLayout>
  );
}

export type LessonEditorProps = {
  ctx: PageContext;
  course: CourseRow;
  lesson: CourseLesson;
  lessons: CourseLesson[];
  form: LessonForm;
  errors?: FormErrors | undefined;
  notice?: string | undefined;
  video: VNode | null;
  quiz: VNode | null;
  attachments: LessonAttachment[];
  attachmentError?: string | undefined;
};

/** The lesson's materials: list with removal, and the upload (a plain multipart form). */
function AttachmentsSection({
  ctx,
  action,
  attachments,
  error,
}: {
  ctx: PageContext;
  action: string;
  attachments: LessonAttachment[];
  error?: string | undefined;
}) {
  return (
    <section aria-labelledby="h-attachments" class="panel">
      <h2 id="h-attachments">{ctx.t('courses.attachments.title')}</h2>
      {error && <Alert kind="error">{error}</Alert>}
      {attachments.length === 0 ? (
        <p class="muted">{ctx.t('courses.attachments.none')}</p>
      ) : (
        <ul>
          {attachments.map((a) => (
            <li>
              {a.name}{' '}
              <span class="muted">
                ({a.file_name}, {formatFileSize(a.size_bytes, ctx.locale)})
              </span>
              <Form ctx={ctx} action={`${action}/${a.id}/delete`} class="inline">
                <button
                  type="submit"
                  class="secondary"
                  aria-label={ctx.t('courses.attachments.remove', { name: a.name })}
                >
                  {ctx.t('courses.attachments.removeShort')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form ctx={ctx} action={action} enctype="multipart/form-data" idPrefix="attachment" class="inline-form">
        <Field name="name" label={ctx.t('courses.attachments.name')} />
        <div class="field">
          <label for="f-attachment-file">{ctx.t('courses.attachments.file')}</label>
          <input type="file" id="f-attachment-file" name="file" required />
        </div>
        <button type="submit">{ctx.t('courses.attachments.upload')}</button>
      </Form>
    </section>
  );
}

export function LessonEditorPage({
  ctx,
  course,
  lesson,
  lessons,
  form,
  errors,
  notice,
  video,
  quiz,
  attachments,
  attachmentError,
}: LessonEditorProps) {
  const base = `/admin/courses/${course.product_id}`;
  return (
    <AdminLayout ctx={ctx} title={lesson.title}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {errors && <Alert kind="error">{ctx.t('courses.error.form')}</Alert>}
      <p class="actions">
        <a href={base}>← {course.title}</a>
        <a href={lessonPath(course.slug, lesson.slug)}>{ctx.t('courses.admin.previewLesson')}</a>
      </p>
      <Form ctx={ctx} action={`${base}/lessons/${lesson.id}`} class="editor" idPrefix="lesson">
        <Field
          name="title"
          label={ctx.t('courses.field.title')}
          value={form.title}
          error={err(ctx, errors, 'title')}
          required
        />
        <Field
          name="slug"
          label={ctx.t('courses.field.slug')}
          value={form.slug}
          error={err(ctx, errors, 'slug')}
          hint={ctx.t('courses.field.slugHint')}
          required
        />
        <div class="field">
          <label for="f-lesson-body">{ctx.t('courses.field.body')}</label>
          <textarea id="f-lesson-body" name="body" rows={14}>
            {form.body}
          </textarea>
        </div>
        <label class="check">
          <input type="checkbox" name="freePreview" value="yes" checked={form.freePreview === 'yes'} />{' '}
          {ctx.t('courses.field.freePreview')}
        </label>
        <Select
          name="status"
          label={ctx.t('courses.field.status')}
          value={form.status}
          options={(['draft', 'published'] as const).map((s) => ({
            value: s,
            label: ctx.t(`courses.lessonStatus.${s}`),
          }))}
        />
        <UnlockFields ctx={ctx} form={form} errors={errors} lessons={lessons} selfId={lesson.id} />
        <button type="submit">{ctx.t('courses.admin.save')}</button>
      </Form>
      <AttachmentsSection
        ctx={ctx}
        action={`${base}/lessons/${lesson.id}/attachments`}
        attachments={attachments}
        error={attachmentError}
      />
      {video}
      {quiz}
    </AdminLayout>
  );
}
