import type { CourseEnrolment, Db } from '../../db/schema.js';
import { isLocale, type Locale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { curriculumOf } from './access.js';
import { lessonsInOrder } from './curriculum.js';
import { lessonPath } from './learn.pages.js';

/**
 * Tells students when drip opened a lesson for them: one email per student
 * and run, listing what opened. A row per (enrolment, lesson) is claimed
 * first (its primary key), so a rerun or a second worker never mails a lesson
 * twice. Lessons open from the start, or opened by the student's own
 * completion of another, are not news and are claimed silently.
 */
export async function sendUnlockEmails(db: Db, publicUrl: string, now: Date): Promise<number> {
  const enrolments = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('products as p', 'p.id', 'e.product_id')
    .selectAll('e')
    .select(['p.slug', 'p.title'])
    .where('e.revoked_at', 'is', null)
    .where('e.completed_at', 'is', null)
    .where('p.status', '=', 'published')
    .execute();
  let sent = 0;
  for (const e of enrolments) {
    if (await notifyStudent(db, e, publicUrl, now)) sent++;
  }
  return sent;
}

type EnrolmentWithCourse = CourseEnrolment & { slug: string; title: string };

async function notifyStudent(db: Db, e: EnrolmentWithCourse, publicUrl: string, now: Date): Promise<boolean> {
  const open = lessonsInOrder(await curriculumOf(db, e.product_id, e, now)).filter(
    (l) => typeof l.opening === 'object' && l.opening.at <= now.toISOString(),
  );
  if (open.length === 0) return false;
  const known = await db
    .selectFrom('course_unlock_emails')
    .select('lesson_id')
    .where('enrolment_id', '=', e.id)
    .execute();
  const seen = new Set(known.map((k) => k.lesson_id));
  const fresh = open.filter((l) => !seen.has(l.lesson.id));
  if (fresh.length === 0) return false;
  return db.transaction().execute(async (trx) => {
    const claimed: typeof fresh = [];
    for (const l of fresh) {
      const r = await trx
        .insertInto('course_unlock_emails')
        .values({ enrolment_id: e.id, lesson_id: l.lesson.id, sent_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['enrolment_id', 'lesson_id']).doNothing())
        .executeTakeFirst();
      // Opened before the student enrolled (a fixed date in the past): nothing to announce.
      const news = typeof l.opening === 'object' && l.opening.at > e.enrolled_at;
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1 && news) claimed.push(l);
    }
    if (claimed.length === 0) return false;
    await queueEmail(trx, {
      to: e.email,
      locale: await localeOf(trx, e.email),
      template: 'course-lessons-unlocked',
      data: {
        course: e.title,
        lessons: claimed.map((l) => l.lesson.title),
        url: `${publicUrl}${lessonPath(e.slug, claimed[0]?.lesson.slug ?? '')}`,
      },
    });
    return true;
  });
}

/** The language the student bought in, else the store's. */
async function localeOf(db: Db, email: string): Promise<Locale> {
  const customer = await db.selectFrom('customers').select('locale').where('email', '=', email).executeTakeFirst();
  if (isLocale(customer?.locale)) return customer.locale;
  return (await getStoreSettings(db)).locale;
}
