import type { Db, ProductKind } from '../../db/schema.js';
import { afterCursor, type Cursor, type PageQuery, toPage } from './pagination.js';
import { unknownCursor } from './problems.js';

/**
 * What the API reads of courses, events, bookings and podcasts: pages in
 * (created_at, id) order like every list (enrolments by enrolment time,
 * bookings by start), public fields only.
 */

/** The cursor of a page, or 400 when `starting_after` names nothing in this list. */
async function cursorFrom(page: PageQuery, find: (id: string) => Promise<Cursor | undefined>) {
  if (page.starting_after === undefined) return undefined;
  const row = await find(page.starting_after);
  if (!row) throw unknownCursor();
  return row;
}

const PRODUCT_FIELDS = [
  'products.id',
  'products.slug',
  'products.title',
  'products.status',
  'products.created_at',
  'products.published_at',
] as const;

function productCursor(db: Db, kind: ProductKind, page: PageQuery) {
  return cursorFrom(page, (id) =>
    db
      .selectFrom('products')
      .select(['id', 'created_at'])
      .where('id', '=', id)
      .where('kind', '=', kind)
      .executeTakeFirst(),
  );
}

function courseQuery(db: Db) {
  return db
    .selectFrom('products')
    .innerJoin('courses', 'courses.product_id', 'products.id')
    .select([...PRODUCT_FIELDS, 'courses.certificate', 'courses.study_minutes'])
    .where('products.kind', '=', 'course');
}

export async function listCourses(db: Db, page: PageQuery) {
  const cursor = await productCursor(db, 'course', page);
  let q = courseQuery(db);
  if (cursor) q = q.where(afterCursor('products', cursor));
  const rows = await q
    .orderBy('products.created_at')
    .orderBy('products.id')
    .limit(page.limit + 1)
    .execute();
  return toPage(
    rows.map((c) => ({ ...c, certificate: c.certificate === 1 })),
    page.limit,
  );
}

/** A course with its modules and their lessons in order: titles only, the bodies stay for students. */
export async function findCourse(db: Db, id: string) {
  const course = await courseQuery(db).where('products.id', '=', id).executeTakeFirst();
  if (!course) return undefined;
  const [modules, lessons] = await Promise.all([
    db
      .selectFrom('course_modules')
      .select(['id', 'title'])
      .where('product_id', '=', id)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('course_lessons')
      .select(['id', 'module_id', 'slug', 'title', 'status', 'free_preview'])
      .where('product_id', '=', id)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ]);
  return {
    ...course,
    certificate: course.certificate === 1,
    modules: modules.map((m) => ({
      ...m,
      lessons: lessons
        .filter((l) => l.module_id === m.id)
        .map(({ module_id: _, free_preview, ...l }) => ({ ...l, free_preview: free_preview === 1 })),
    })),
  };
}

export async function courseExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('courses').select('product_id').where('product_id', '=', id).executeTakeFirst()) !== undefined
  );
}

/** A course's students with how much of its published lessons each has completed. */
export async function listEnrolments(db: Db, courseId: string, page: PageQuery) {
  const cursor = await cursorFrom(page, (id) =>
    db
      .selectFrom('course_enrolments')
      .select(['id', 'enrolled_at as created_at'])
      .where('id', '=', id)
      .where('product_id', '=', courseId)
      .executeTakeFirst(),
  );
  let q = db
    .selectFrom('course_enrolments')
    .select((eb) => [
      'course_enrolments.id',
      'course_enrolments.email',
      'course_enrolments.name',
      'course_enrolments.source',
      'course_enrolments.enrolled_at',
      'course_enrolments.completed_at',
      'course_enrolments.revoked_at',
      eb
        .selectFrom('lesson_progress')
        .innerJoin('course_lessons', 'course_lessons.id', 'lesson_progress.lesson_id')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .whereRef('lesson_progress.enrolment_id', '=', 'course_enrolments.id')
        .where('lesson_progress.completed_at', 'is not', null)
        .where('course_lessons.status', '=', 'published')
        .as('lessons_done'),
    ])
    .where('course_enrolments.product_id', '=', courseId);
  if (cursor) q = q.where(afterCursor('course_enrolments', cursor, 'enrolled_at'));
  const [rows, published] = await Promise.all([
    q
      .orderBy('course_enrolments.enrolled_at')
      .orderBy('course_enrolments.id')
      .limit(page.limit + 1)
      .execute(),
    db
      .selectFrom('course_lessons')
      .select((s) => s.fn.countAll<number | string>().as('n'))
      .where('product_id', '=', courseId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow(),
  ]);
  const total = Number(published.n);
  const data = rows.map(({ lessons_done, ...e }) => ({
    ...e,
    progress_percent: total === 0 ? 0 : Math.min(100, Math.floor((Number(lessons_done ?? 0) * 100) / total)),
  }));
  return toPage(data, page.limit);
}

/** Events with their sessions and seats (never the meeting link: that is for ticket holders). */
export async function listEvents(db: Db, page: PageQuery) {
  const cursor = await productCursor(db, 'event', page);
  let q = db
    .selectFrom('products')
    .innerJoin('events', 'events.product_id', 'products.id')
    .select([...PRODUCT_FIELDS, 'events.format', 'events.ticket_scope'])
    .where('products.kind', '=', 'event');
  if (cursor) q = q.where(afterCursor('products', cursor));
  const rows = await q
    .orderBy('products.created_at')
    .orderBy('products.id')
    .limit(page.limit + 1)
    .execute();
  const shown = rows.slice(0, page.limit);
  const sessions =
    shown.length === 0
      ? []
      : await db
          .selectFrom('event_sessions')
          .leftJoin('event_seat_counts', 'event_seat_counts.session_id', 'event_sessions.id')
          .select([
            'event_sessions.id',
            'event_sessions.product_id',
            'event_sessions.starts_at',
            'event_sessions.ends_at',
            'event_sessions.status',
            'event_seat_counts.capacity',
            'event_seat_counts.taken',
          ])
          .where(
            'event_sessions.product_id',
            'in',
            shown.map((e) => e.id),
          )
          .orderBy('event_sessions.starts_at')
          .orderBy('event_sessions.id')
          .execute();
  const data = rows.map((e) => ({
    ...e,
    sessions: sessions
      .filter((s) => s.product_id === e.id)
      .map(({ product_id: _, capacity, taken, ...s }) => ({ ...s, capacity: capacity ?? 0, seats_taken: taken ?? 0 })),
  }));
  return toPage(data, page.limit);
}

export async function eventExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('events').select('product_id').where('product_id', '=', id).executeTakeFirst()) !== undefined
  );
}

/** An event's tickets (never the check-in token: it opens the door). */
export async function listTickets(db: Db, eventId: string, page: PageQuery) {
  const cursor = await cursorFrom(page, (id) =>
    db
      .selectFrom('event_tickets')
      .select(['id', 'created_at'])
      .where('id', '=', id)
      .where('product_id', '=', eventId)
      .executeTakeFirst(),
  );
  let q = db
    .selectFrom('event_tickets')
    .select(['id', 'session_id', 'ticket_type_id', 'order_id', 'email', 'name', 'status', 'created_at'])
    .where('product_id', '=', eventId);
  if (cursor) q = q.where(afterCursor('event_tickets', cursor));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit);
}

export type BookingFilter = { from?: string | undefined; to?: string | undefined; status?: string | undefined };

/** Bookings by the session's start (never the client's manage link or answers). */
export async function listBookings(db: Db, page: PageQuery, filter: BookingFilter) {
  const cursor = await cursorFrom(page, (id) =>
    db.selectFrom('bookings').select(['id', 'starts_at as created_at']).where('id', '=', id).executeTakeFirst(),
  );
  let q = db
    .selectFrom('bookings')
    .select([
      'id',
      'product_id',
      'order_id',
      'email',
      'name',
      'starts_at',
      'ends_at',
      'status',
      'cancelled_at',
      'created_at',
    ]);
  // Stored instants are UTC ISO text: compare with the filter in the same form.
  if (filter.from) q = q.where('starts_at', '>=', new Date(filter.from).toISOString());
  if (filter.to) q = q.where('starts_at', '<', new Date(filter.to).toISOString());
  if (filter.status) q = q.where('status', '=', filter.status as never);
  if (cursor) q = q.where(afterCursor('bookings', cursor, 'starts_at'));
  const rows = await q
    .orderBy('starts_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit);
}

/** Shows with how many episodes are out and how many wait for their time. */
export async function listShows(db: Db, page: PageQuery) {
  const cursor = await productCursor(db, 'podcast', page);
  let q = db
    .selectFrom('products')
    .innerJoin('podcast_shows', 'podcast_shows.product_id', 'products.id')
    .select((eb) => [
      ...PRODUCT_FIELDS,
      'podcast_shows.author',
      'podcast_shows.language',
      eb
        .selectFrom('podcast_episodes')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .whereRef('podcast_episodes.show_id', '=', 'products.id')
        .where('podcast_episodes.status', '=', 'published')
        .as('episodes_published'),
      eb
        .selectFrom('podcast_episodes')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .whereRef('podcast_episodes.show_id', '=', 'products.id')
        .where('podcast_episodes.status', '=', 'scheduled')
        .as('episodes_scheduled'),
    ])
    .where('products.kind', '=', 'podcast');
  if (cursor) q = q.where(afterCursor('products', cursor));
  const rows = await q
    .orderBy('products.created_at')
    .orderBy('products.id')
    .limit(page.limit + 1)
    .execute();
  const data = rows.map((s) => ({
    ...s,
    episodes_published: Number(s.episodes_published ?? 0),
    episodes_scheduled: Number(s.episodes_scheduled ?? 0),
  }));
  return toPage(data, page.limit);
}

export async function showExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('podcast_shows').select('product_id').where('product_id', '=', id).executeTakeFirst()) !==
    undefined
  );
}

/** A show's published and scheduled episodes (drafts are the creator's; audio stays behind the feeds). */
export async function listEpisodes(db: Db, showId: string, page: PageQuery) {
  const cursor = await cursorFrom(page, (id) =>
    db
      .selectFrom('podcast_episodes')
      .select(['id', 'created_at'])
      .where('id', '=', id)
      .where('show_id', '=', showId)
      .executeTakeFirst(),
  );
  let q = db
    .selectFrom('podcast_episodes')
    .select([
      'id',
      'title',
      'summary',
      'season',
      'episode_number',
      'episode_type',
      'access',
      'status',
      'publish_at',
      'published_at',
      'duration_seconds',
      'created_at',
    ])
    .where('show_id', '=', showId)
    .where('status', 'in', ['published', 'scheduled'])
    .$narrowType<{ status: 'published' | 'scheduled' }>();
  if (cursor) q = q.where(afterCursor('podcast_episodes', cursor));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit);
}
