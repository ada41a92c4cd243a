import { randomUUID } from 'node:crypto';
import type { Course, CourseEnrolment, CourseLesson, Db } from '../../db/schema.js';
import { canRead, loadMemberAccess, normaliseEmail } from '../memberships/access.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { type CurriculumModule, curriculumFor, findLesson } from './curriculum.js';
import { isOpen, type Opening } from './drip.js';

/**
 * Who may take a course, and which lessons are open to them now. The one
 * place course access is decided: lesson pages, attachments, video
 * playlists, segments and keys, quizzes and progress all ask here.
 *
 * A student is enrolled by an order (revoked by a refund or a lost dispute),
 * by a free sign-up or the admin, or takes the course as a member of a tier
 * that includes it — then an enrolment row is made on first access to hold
 * the progress, and access follows the membership (memberships/access.ts).
 */

export type Viewer = { email: string | null; admin: boolean };

export type LessonGate =
  | { state: 'open'; enrolmentId: string | null }
  | { state: 'locked'; opensAt: string | null }
  | { state: 'denied' }
  | { state: 'missing' };

/** A course whose product is published (or any course, for the admin). */
export async function findCourse(db: Db, productId: string, admin: boolean) {
  return db
    .selectFrom('courses')
    .innerJoin('products', 'products.id', 'courses.product_id')
    .selectAll('courses')
    .select(['products.slug', 'products.title', 'products.status', 'products.summary'])
    .where('courses.product_id', '=', productId)
    .$if(!admin, (q) => q.where('products.status', '=', 'published'))
    .executeTakeFirst();
}

export function courseTierIds(course: Pick<Course, 'tier_ids'>): string[] {
  try {
    const v: unknown = JSON.parse(course.tier_ids);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The student's enrolment if it gives access now: an active enrolment, or a
 * membership of an including tier (the enrolment made on the spot). Undefined: no access.
 */
export async function activeEnrolment(
  db: Db,
  course: Pick<Course, 'product_id' | 'tier_ids'>,
  email: string,
  now: Date,
): Promise<CourseEnrolment | undefined> {
  const address = normaliseEmail(email);
  const existing = await findEnrolment(db, course.product_id, address);
  // An enrolment made for a member holds progress only: access follows the membership.
  if (existing && existing.revoked_at === null && existing.source !== 'membership') return existing;
  const tierIds = courseTierIds(course);
  if (tierIds.length === 0) return undefined;
  const access = await loadMemberAccess(db, address, now);
  if (!canRead({ visibility: 'tiers', tierIds }, access)) return undefined;
  if (existing) return existing;
  await db
    .insertInto('course_enrolments')
    .values({
      id: randomUUID(),
      product_id: course.product_id,
      email: address,
      source: 'membership',
      order_id: null,
      enrolled_at: now.toISOString(),
      first_access_at: null,
      revoked_at: null,
      cohort_id: null,
      completed_at: null,
    })
    .onConflict((oc) => oc.columns(['product_id', 'email']).doNothing())
    .execute();
  return findEnrolment(db, course.product_id, address);
}

export function findEnrolment(db: Db, productId: string, email: string) {
  return db
    .selectFrom('course_enrolments')
    .selectAll()
    .where('product_id', '=', productId)
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

/** The curriculum as this enrolment sees it now (drip applied). */
export async function curriculumOf(db: Db, productId: string, enrolment: CourseEnrolment | null, now: Date) {
  const [modules, lessons, settings, completed, cohort] = await Promise.all([
    db.selectFrom('course_modules').selectAll().where('product_id', '=', productId).execute(),
    db.selectFrom('course_lessons').selectAll().where('product_id', '=', productId).execute(),
    getStoreSettings(db, now.getTime()),
    enrolment
      ? db
          .selectFrom('lesson_progress')
          .select('lesson_id')
          .where('enrolment_id', '=', enrolment.id)
          .where('completed_at', 'is not', null)
          .execute()
      : [],
    enrolment?.cohort_id
      ? db.selectFrom('course_cohorts').select('starts_at').where('id', '=', enrolment.cohort_id).executeTakeFirst()
      : undefined,
  ]);
  const student = enrolment
    ? {
        enrolledAt: enrolment.enrolled_at,
        firstAccessAt: enrolment.first_access_at,
        cohortStartsAt: cohort?.starts_at ?? null,
        unlockAll: enrolment.unlock_all === 1,
        shiftDays: enrolment.shift_days,
        completedLessonIds: new Set(completed.map((c) => c.lesson_id)),
      }
    : {
        enrolledAt: now.toISOString(),
        firstAccessAt: null,
        cohortStartsAt: null,
        unlockAll: true,
        shiftDays: 0,
        completedLessonIds: new Set<string>(),
      };
  return curriculumFor(modules, lessons, student, settings.timeZone);
}

/** May this viewer open this lesson now? Drafts and unpublished courses are the admin's only. */
export async function lessonGate(db: Db, lessonId: string, viewer: Viewer, now: Date): Promise<LessonGate> {
  const lesson = await db.selectFrom('course_lessons').selectAll().where('id', '=', lessonId).executeTakeFirst();
  if (!lesson) return { state: 'missing' };
  const course = await findCourse(db, lesson.product_id, viewer.admin);
  if (!course || (lesson.status !== 'published' && !viewer.admin)) return { state: 'missing' };
  const enrolment = viewer.email ? await activeEnrolment(db, course, viewer.email, now) : undefined;
  if (viewer.admin && !enrolment) return { state: 'open', enrolmentId: null };
  if (!enrolment) return lesson.free_preview === 1 ? { state: 'open', enrolmentId: null } : { state: 'denied' };
  return gateFromCurriculum(await curriculumOf(db, course.product_id, enrolment, now), lesson, enrolment, now);
}

function gateFromCurriculum(
  curriculum: CurriculumModule[],
  lesson: CourseLesson,
  enrolment: CourseEnrolment,
  now: Date,
): LessonGate {
  const entry = findLesson(curriculum, lesson.id);
  if (!entry) return { state: 'missing' };
  if (isOpen(entry.opening, now) || lesson.free_preview === 1) return { state: 'open', enrolmentId: enrolment.id };
  return { state: 'locked', opensAt: openingTime(entry.opening) };
}

export function openingTime(opening: Opening): string | null {
  return typeof opening === 'object' ? opening.at : null;
}
