import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Db, UnlockKind } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { insertDraftProduct } from '../catalog/draft-product.js';
import { firstFreeSlug, slugify } from '../catalog/slug.js';

/**
 * The creator's changes to a course's structure. Each runs in one
 * transaction; positions are kept dense (0, 1, 2, …) so moving swaps two rows.
 */

/** A new course: a draft product of kind 'course' (free until the creator sets a price) and its course row. */
export async function createCourse(db: Kysely<DB>, title: string, actor: string): Promise<string> {
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const { id, slug } = await insertDraftProduct(trx, { kind: 'course', title, fallbackSlug: 'course' });
    await trx.insertInto('courses').values({ product_id: id, created_at: now, updated_at: now }).execute();
    await recordAudit(trx, actor, 'course.created', { id, slug });
    return id;
  });
}

export type CourseSettingsInput = { tierIds: string[]; studyMinutes: number; certificate: boolean };

export async function saveCourseSettings(db: Db, productId: string, input: CourseSettingsInput): Promise<void> {
  await db
    .updateTable('courses')
    .set({
      tier_ids: JSON.stringify(input.tierIds),
      study_minutes: input.studyMinutes,
      certificate: input.certificate ? 1 : 0,
      updated_at: new Date().toISOString(),
    })
    .where('product_id', '=', productId)
    .execute();
}

export async function addModule(db: Kysely<DB>, productId: string, title: string): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('course_modules')
      .select((eb) => eb.fn.max<number>('position').as('p'))
      .where('product_id', '=', productId)
      .executeTakeFirst();
    await trx
      .insertInto('course_modules')
      .values({ id, product_id: productId, title, position: (last?.p ?? -1) + 1, created_at: new Date().toISOString() })
      .execute();
  });
  return id;
}

export async function addLesson(db: Kysely<DB>, productId: string, moduleId: string, title: string): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('course_lessons')
      .select((eb) => eb.fn.max<number>('position').as('p'))
      .where('module_id', '=', moduleId)
      .executeTakeFirst();
    const taken = await trx.selectFrom('course_lessons').select('slug').where('product_id', '=', productId).execute();
    const slug = firstFreeSlug(slugify(title) || 'lesson', new Set(taken.map((t) => t.slug)));
    await trx
      .insertInto('course_lessons')
      .values({
        id,
        product_id: productId,
        module_id: moduleId,
        slug,
        title,
        position: (last?.p ?? -1) + 1,
        video_id: null,
        created_at: now,
        updated_at: now,
        unlock_days: null,
        unlock_at: null,
        unlock_after_lesson_id: null,
      })
      .execute();
  });
  return id;
}

type Sibling = { id: string; position: number };

/** Swaps a row with its neighbour; false at either end. */
function neighbourOf(rows: Sibling[], id: string, direction: 'up' | 'down'): [Sibling, Sibling] | undefined {
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  const at = sorted.findIndex((r) => r.id === id);
  const other = sorted[direction === 'up' ? at - 1 : at + 1];
  const self = sorted[at];
  return self && other ? [self, other] : undefined;
}

export async function moveModule(db: Kysely<DB>, productId: string, moduleId: string, direction: 'up' | 'down') {
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('course_modules')
      .select(['id', 'position'])
      .where('product_id', '=', productId)
      .execute();
    const pair = neighbourOf(rows, moduleId, direction);
    if (!pair) return;
    await trx.updateTable('course_modules').set({ position: pair[1].position }).where('id', '=', pair[0].id).execute();
    await trx.updateTable('course_modules').set({ position: pair[0].position }).where('id', '=', pair[1].id).execute();
  });
}

export async function moveLesson(db: Kysely<DB>, lessonId: string, direction: 'up' | 'down') {
  await db.transaction().execute(async (trx) => {
    const lesson = await trx
      .selectFrom('course_lessons')
      .select('module_id')
      .where('id', '=', lessonId)
      .executeTakeFirst();
    if (!lesson) return;
    const rows = await trx
      .selectFrom('course_lessons')
      .select(['id', 'position'])
      .where('module_id', '=', lesson.module_id)
      .execute();
    const pair = neighbourOf(rows, lessonId, direction);
    if (!pair) return;
    await trx.updateTable('course_lessons').set({ position: pair[1].position }).where('id', '=', pair[0].id).execute();
    await trx.updateTable('course_lessons').set({ position: pair[0].position }).where('id', '=', pair[1].id).execute();
  });
}

export type UnlockInput = { kind: UnlockKind; days: number | null; at: string | null; afterLessonId: string | null };

const unlockColumns = (u: UnlockInput) => ({
  unlock_kind: u.kind,
  unlock_days: u.days,
  unlock_at: u.at,
  unlock_after_lesson_id: u.afterLessonId,
});

export async function saveModule(db: Db, moduleId: string, title: string, unlock: UnlockInput): Promise<void> {
  await db
    .updateTable('course_modules')
    .set({ title, ...unlockColumns(unlock) })
    .where('id', '=', moduleId)
    .execute();
}

/** Deletes a module with no lessons; false when it still has some. */
export async function deleteModule(db: Kysely<DB>, moduleId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const lessons = await trx
      .selectFrom('course_lessons')
      .select('id')
      .where('module_id', '=', moduleId)
      .executeTakeFirst();
    if (lessons) return false;
    await trx.deleteFrom('course_modules').where('id', '=', moduleId).execute();
    return true;
  });
}

export type LessonInput = {
  title: string;
  slug: string;
  bodyMd: string;
  freePreview: boolean;
  status: 'draft' | 'published';
  unlock: UnlockInput;
};

/** Saves a lesson; 'slug-taken' when another lesson of the course has the address. */
export async function saveLesson(db: Kysely<DB>, lessonId: string, input: LessonInput): Promise<'ok' | 'slug-taken'> {
  return db.transaction().execute(async (trx) => {
    const lesson = await trx
      .selectFrom('course_lessons')
      .select('product_id')
      .where('id', '=', lessonId)
      .executeTakeFirstOrThrow();
    const clash = await trx
      .selectFrom('course_lessons')
      .select('id')
      .where('product_id', '=', lesson.product_id)
      .where('slug', '=', input.slug)
      .where('id', '!=', lessonId)
      .executeTakeFirst();
    if (clash) return 'slug-taken';
    await trx
      .updateTable('course_lessons')
      .set({
        title: input.title,
        slug: input.slug,
        body_md: input.bodyMd,
        free_preview: input.freePreview ? 1 : 0,
        status: input.status,
        ...unlockColumns(input.unlock),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', lessonId)
      .execute();
    return 'ok';
  });
}
