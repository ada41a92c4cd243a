import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { translator } from '../../web/messages.js';
import { recordAudit } from '../admin/audit.js';
import { addLesson, addModule, createCourse } from '../courses/edit-course.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { sessionTimeLabel } from './session-time.js';

export type Replay = { courseId: string; lessonId: string };

/**
 * A held session's recording as a course: a draft course of one lesson
 * (whose video the creator uploads in the lesson editor, hosted and
 * protected like any course video), every valid ticket holder of the session
 * enrolled free, and the session's recording link pointing at it. The
 * creator prices and publishes it to sell it on as a replay.
 */
export async function createReplay(
  db: Kysely<DB>,
  productId: string,
  sessionId: string,
  actor: string,
): Promise<Replay | 'not-found' | 'not-started'> {
  const session = await db
    .selectFrom('event_sessions as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select(['s.id', 's.starts_at', 's.ends_at', 's.status', 'p.title'])
    .where('s.id', '=', sessionId)
    .where('s.product_id', '=', productId)
    .executeTakeFirst();
  if (!session || session.status === 'cancelled') return 'not-found';
  if (session.starts_at > isoNow()) return 'not-started';
  const { locale, timeZone } = await getStoreSettings(db);
  const t = translator(locale);
  const when = sessionTimeLabel(session, locale, timeZone);
  const courseId = await createCourse(db, t('events.replay.title', { event: session.title }), actor);
  const moduleId = await addModule(db, courseId, t('events.replay.module'));
  const lessonId = await addLesson(db, courseId, moduleId, t('events.replay.lesson', { when }));
  const slug = await db.selectFrom('products').select('slug').where('id', '=', courseId).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('course_lessons').set({ status: 'published' }).where('id', '=', lessonId).execute();
    const holders = await trx
      .selectFrom('event_seats as seat')
      .innerJoin('event_tickets as ticket', 'ticket.id', 'seat.ticket_id')
      .select(['ticket.email', 'ticket.name'])
      .where('seat.session_id', '=', sessionId)
      .where('ticket.status', '=', 'valid')
      .execute();
    const now = isoNow();
    for (const h of holders) {
      await trx
        .insertInto('course_enrolments')
        .values({
          id: randomUUID(),
          product_id: courseId,
          email: h.email,
          name: h.name,
          source: 'admin',
          order_id: null,
          enrolled_at: now,
          first_access_at: null,
          revoked_at: null,
          cohort_id: null,
          completed_at: null,
        })
        .onConflict((oc) => oc.columns(['product_id', 'email']).doNothing())
        .execute();
    }
    await trx
      .updateTable('event_sessions')
      .set({ recording_url: `/learn/${slug.slug}`, updated_at: now })
      .where('id', '=', sessionId)
      .execute();
    await recordAudit(trx, actor, 'event.replay-created', { productId, sessionId, courseId, enrolled: holders.length });
  });
  return { courseId, lessonId };
}
