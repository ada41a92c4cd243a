import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { HttpClient } from '../../testing/http.js';
import { seedBookingType, slotStart } from '../bookings/testing.js';
import { seedCourse, seedStudent } from '../courses/testing.js';
import { seedEvent } from '../events/testing.js';
import { seedEpisode, seedShow } from '../podcasts/feed-testing.js';
import type { ApiScope } from './scopes.js';
import { apiClient } from './testing.js';
import { createApiToken } from './tokens.js';

type Row = Record<string, unknown>;
const rows = (json: Record<string, unknown>) => json.data as Row[];

/**
 * Courses, events, bookings and podcasts over real HTTP: each list needs its
 * own scope, pages like every list, answers public fields only (no lesson
 * bodies, meeting links, check-in or manage tokens, audio) and 404s an
 * unknown parent as a problem.
 */
describe('the /api/v1 endpoints of courses, events, bookings and podcasts', () => {
  let t: TestApp;
  let base: string;
  const db = () => t.services.database.db;
  const api = async (...scopes: ApiScope[]) =>
    apiClient(base, (await createApiToken(db(), { name: 'test', scopes, testMode: true, actor: 'test' })).token);

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    base = (await HttpClient.listen(t.app)).base;
  });
  after(() => t.close());

  test('each list wants its own scope: 403 naming it, 401 without a token', async () => {
    const postsOnly = await api('posts:read');
    const wanted: [string, ApiScope][] = [
      ['/api/v1/courses', 'courses:read'],
      [`/api/v1/courses/${randomUUID()}/enrolments`, 'courses:read'],
      ['/api/v1/events', 'events:read'],
      [`/api/v1/events/${randomUUID()}/tickets`, 'events:read'],
      ['/api/v1/bookings', 'bookings:read'],
      ['/api/v1/podcasts', 'podcasts:read'],
      [`/api/v1/podcasts/${randomUUID()}/episodes`, 'podcasts:read'],
    ];
    for (const [path, scope] of wanted) {
      const res = await postsOnly.get(path);
      assert.equal(res.status, 403, path);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.match(String(res.json.detail ?? res.json.title), new RegExp(scope));
      assert.equal((await apiClient(base).get(path)).status, 401, path);
    }
    const other = await api('events:read');
    assert.equal((await other.get('/api/v1/courses')).status, 403, 'another new scope is not enough');
  });

  test('courses: modules and lesson titles without bodies, enrolments with their progress', async () => {
    const course = await seedCourse(t.services, { lessons: 4 });
    await db()
      .updateTable('course_lessons')
      .set({ body_md: 'The secret starter recipe' })
      .where('product_id', '=', course.productId)
      .execute();
    const [l1, l2, , l4] = course.lessonIds;
    await db().updateTable('course_lessons').set({ status: 'draft' }).where('id', '=', l4!).execute();
    const ada = await seedStudent(t.services, course.productId, { email: 'ada@example.com' });
    const bob = await seedStudent(t.services, course.productId, { email: 'bob@example.com' });
    // Bob enrolled a minute after Ada: the list is in enrolment order.
    await db()
      .updateTable('course_enrolments')
      .set({ enrolled_at: new Date(Date.now() + 60_000).toISOString() })
      .where('id', '=', bob.enrolmentId)
      .execute();
    const now = new Date().toISOString();
    // Ada completed two of the three published lessons and the draft one (which does not count).
    for (const lessonId of [l1!, l2!, l4!])
      await db()
        .insertInto('lesson_progress')
        .values({
          enrolment_id: ada.enrolmentId,
          lesson_id: lessonId,
          first_opened_at: now,
          completed_at: now,
          updated_at: now,
        })
        .execute();
    await db()
      .insertInto('lesson_progress')
      .values({
        enrolment_id: bob.enrolmentId,
        lesson_id: l1!,
        first_opened_at: now,
        completed_at: null,
        updated_at: now,
      })
      .execute();

    const client = await api('courses:read');
    const list = await client.get('/api/v1/courses?limit=100');
    assert.equal(list.status, 200, list.body);
    const listed = rows(list.json).find((c) => c.id === course.productId);
    assert.equal(listed?.certificate, true);

    const one = await client.get(`/api/v1/courses/${course.productId}`);
    assert.equal(one.status, 200, one.body);
    const modules = one.json.modules as { title: string; lessons: Row[] }[];
    assert.deepEqual(
      modules.map((m) => [m.title, m.lessons.map((l) => [l.title, l.status])]),
      [
        [
          'Basics',
          [
            ['Lesson 1', 'published'],
            ['Lesson 2', 'published'],
            ['Lesson 3', 'published'],
            ['Lesson 4', 'draft'],
          ],
        ],
      ],
    );
    assert.doesNotMatch(one.body, /secret starter recipe/);

    const enrolments = await client.get(`/api/v1/courses/${course.productId}/enrolments`);
    assert.equal(enrolments.status, 200, enrolments.body);
    assert.deepEqual(
      rows(enrolments.json).map((e) => [e.email, e.progress_percent, e.source, e.completed_at]),
      [
        ['ada@example.com', 66, 'order', null],
        ['bob@example.com', 0, 'order', null],
      ],
    );
    const firstPage = await client.get(`/api/v1/courses/${course.productId}/enrolments?limit=1`);
    assert.equal(firstPage.json.has_more, true);
    const second = await client.get(
      `/api/v1/courses/${course.productId}/enrolments?limit=1&starting_after=${rows(firstPage.json)[0]?.id}`,
    );
    assert.notEqual(rows(second.json)[0]?.id, rows(firstPage.json)[0]?.id);
    assert.equal(second.json.has_more, false);

    const unknown = await client.get(`/api/v1/courses/${randomUUID()}/enrolments`);
    assert.equal(unknown.status, 404);
    assert.match(String(unknown.headers['content-type']), /^application\/problem\+json/);
    assert.equal((await client.get(`/api/v1/courses/${randomUUID()}`)).status, 404);
    const badCursor = await client.get(`/api/v1/courses/${course.productId}/enrolments?starting_after=nope`);
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.json.code, 'invalid_cursor');
  });

  test('events: sessions with seats taken and capacity, tickets without check-in tokens, no meeting link', async () => {
    const event = await seedEvent(t.services, {
      sessions: [
        { startsInHours: 48, capacity: 20 },
        { startsInHours: 24, capacity: 5 },
      ],
    });
    const [later, sooner] = event.sessionIds;
    await db().updateTable('event_seat_counts').set({ taken: 3 }).where('session_id', '=', later!).execute();
    const now = new Date().toISOString();
    const ticketId = randomUUID();
    await db()
      .insertInto('event_tickets')
      .values({
        id: ticketId,
        product_id: event.productId,
        session_id: later!,
        ticket_type_id: event.ticketTypeId,
        order_id: null,
        email: 'guest@example.com',
        status: 'valid',
        hold_expires_at: null,
        check_in_token: 'door-secret-token',
        created_at: now,
        updated_at: now,
      })
      .execute();

    const client = await api('events:read');
    const list = await client.get('/api/v1/events?limit=100');
    assert.equal(list.status, 200, list.body);
    const listed = rows(list.json).find((e) => e.id === event.productId);
    assert.deepEqual(
      ((listed?.sessions ?? []) as Row[]).map((s) => [s.id, s.capacity, s.seats_taken]),
      [
        [sooner, 5, 0],
        [later, 20, 3],
      ],
    );
    assert.doesNotMatch(list.body, /secret-room-42/);

    const tickets = await client.get(`/api/v1/events/${event.productId}/tickets`);
    assert.equal(tickets.status, 200, tickets.body);
    assert.deepEqual(
      rows(tickets.json).map((k) => [k.id, k.email, k.status, k.session_id]),
      [[ticketId, 'guest@example.com', 'valid', later]],
    );
    assert.doesNotMatch(tickets.body, /door-secret-token/);
    assert.equal((await client.get(`/api/v1/events/${randomUUID()}/tickets`)).status, 404);
  });

  test('bookings: filtered by start (from inclusive, to exclusive) and status, paged by start, no manage token', async () => {
    const { productId } = await seedBookingType(t.services);
    const now = new Date().toISOString();
    const booking = (startsAt: string, status: 'confirmed' | 'cancelled') => {
      const ends = new Date(Date.parse(startsAt) + 3600_000).toISOString();
      const id = randomUUID();
      return db()
        .insertInto('bookings')
        .values({
          id,
          product_id: productId,
          order_id: null,
          email: `client-${id.slice(0, 4)}@example.com`,
          client_time_zone: null,
          starts_at: startsAt,
          ends_at: ends,
          block_start: startsAt,
          block_end: ends,
          status,
          hold_expires_at: null,
          manage_token: `manage-secret-${id}`,
          cancelled_at: status === 'cancelled' ? now : null,
          created_at: now,
          updated_at: now,
        })
        .execute()
        .then(() => id);
    };
    const third = await booking(slotStart(3, 10), 'confirmed');
    const first = await booking(slotStart(1, 10), 'confirmed');
    const second = await booking(slotStart(2, 10), 'cancelled');

    const client = await api('bookings:read');
    const all = await client.get('/api/v1/bookings?limit=100');
    assert.equal(all.status, 200, all.body);
    assert.deepEqual(
      rows(all.json).map((b) => b.id),
      [first, second, third],
      'by start, not by creation',
    );
    assert.doesNotMatch(all.body, /manage-secret/);

    const from = encodeURIComponent(slotStart(1, 10));
    const to = encodeURIComponent(slotStart(3, 10));
    const window = await client.get(`/api/v1/bookings?from=${from}&to=${to}`);
    assert.deepEqual(
      rows(window.json).map((b) => b.id),
      [first, second],
    );
    const confirmed = await client.get(`/api/v1/bookings?status=confirmed&limit=1`);
    assert.deepEqual(
      rows(confirmed.json).map((b) => b.id),
      [first],
    );
    assert.equal(confirmed.json.has_more, true);
    const next = await client.get(`/api/v1/bookings?status=confirmed&starting_after=${first}`);
    assert.deepEqual(
      rows(next.json).map((b) => b.id),
      [third],
    );

    const badDate = await client.get('/api/v1/bookings?from=tomorrow');
    assert.equal(badDate.status, 400);
    assert.match(String(badDate.headers['content-type']), /^application\/problem\+json/);
    assert.equal((await client.get('/api/v1/bookings?status=bogus')).status, 400);
  });

  test('podcasts: shows with episode counts, published and scheduled episodes without drafts or audio', async () => {
    const showId = await seedShow(t.services, { title: 'Deep Work Radio' });
    const out = await seedEpisode(t.services, showId, { title: 'Out now', audio: null });
    const soon = await seedEpisode(t.services, showId, { title: 'Coming soon', status: 'scheduled', audio: null });
    await seedEpisode(t.services, showId, { title: 'Half written', status: 'draft', audio: null });
    await db()
      .updateTable('podcast_episodes')
      .set({ audio_key: 'podcast-audio/secret-key', publish_at: new Date(Date.now() + 86_400_000).toISOString() })
      .where('id', 'in', [out.id, soon.id])
      .execute();

    const client = await api('podcasts:read');
    const shows = await client.get('/api/v1/podcasts?limit=100');
    assert.equal(shows.status, 200, shows.body);
    const listed = rows(shows.json).find((s) => s.id === showId);
    assert.equal(listed?.title, 'Deep Work Radio');
    assert.equal(listed?.episodes_published, 1);
    assert.equal(listed?.episodes_scheduled, 1);

    const episodes = await client.get(`/api/v1/podcasts/${showId}/episodes`);
    assert.equal(episodes.status, 200, episodes.body);
    assert.deepEqual(
      rows(episodes.json)
        .map((e) => [e.title, e.status])
        .sort(),
      [
        ['Coming soon', 'scheduled'],
        ['Out now', 'published'],
      ],
    );
    assert.doesNotMatch(episodes.body, /secret-key|audio_key|Half written/);
    assert.equal((await client.get(`/api/v1/podcasts/${randomUUID()}/episodes`)).status, 404);
  });
});
