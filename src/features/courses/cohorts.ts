import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/schema.js';

/**
 * Cohorts: runs of a course with a start date. Drip counts from the cohort's
 * start for its students; a buyer joins the next cohort that has not started
 * yet (none: the course is self-paced for them), and the creator can move a
 * student to another cohort.
 */

export function listCohorts(db: Db, productId: string) {
  return db
    .selectFrom('course_cohorts as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('course_enrolments as e')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('e.cohort_id', '=', 'c.id')
        .where('e.revoked_at', 'is', null)
        .as('students'),
    )
    .where('c.product_id', '=', productId)
    .orderBy('c.starts_at')
    .execute();
}

export async function addCohort(db: Db, productId: string, name: string, startsAt: string): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('course_cohorts')
    .values({ id, product_id: productId, name, starts_at: startsAt, created_at: new Date().toISOString() })
    .execute();
  return id;
}

/** The cohort a new student joins: the next to start, if any. */
export async function nextCohortId(db: Db, productId: string, now: Date): Promise<string | null> {
  const next = await db
    .selectFrom('course_cohorts')
    .select('id')
    .where('product_id', '=', productId)
    .where('starts_at', '>', now.toISOString())
    .orderBy('starts_at')
    .executeTakeFirst();
  return next?.id ?? null;
}

/** Moves a student to a cohort of the same course (null: self-paced); false when either does not belong. */
export async function moveToCohort(
  db: Db,
  productId: string,
  enrolmentId: string,
  cohortId: string | null,
): Promise<boolean> {
  if (cohortId) {
    const cohort = await db
      .selectFrom('course_cohorts')
      .select('id')
      .where('id', '=', cohortId)
      .where('product_id', '=', productId)
      .executeTakeFirst();
    if (!cohort) return false;
  }
  const r = await db
    .updateTable('course_enrolments')
    .set({ cohort_id: cohortId })
    .where('id', '=', enrolmentId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
