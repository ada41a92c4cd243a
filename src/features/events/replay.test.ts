import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { startCheckout } from '../checkout/start-checkout.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';
import { seedEvent } from './testing.js';

/** A held session's recording sold on as a course, its ticket holders enrolled free. */
describe('events: the recording of a session as a course', () => {
  let t: TestApp;
  const db = () => t.services.database.db;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('ticket holders are enrolled, the ticket page links the recording; a future session has none', async () => {
    const event = await seedEvent(t.services, {
      sessions: [
        { startsInHours: 5, capacity: 5 },
        { startsInHours: 48, capacity: 5 },
      ],
    });
    const [held = '', later = ''] = event.sessionIds;
    const r = await startCheckout(t.services, {
      productId: event.productId,
      choice: event.choice(0),
      email: 'holder@example.com',
      name: 'Hanna',
      digitalConsent: false,
      locale: 'en',
    });
    assert.equal(r.kind, 'redirect');
    if (r.kind !== 'redirect') return;
    await new TestClient(t.app).postForm(r.url, { outcome: 'pay' }, { formPage: r.url });
    await t.drainJobs();
    // The session has been held since.
    const start = Date.now() - 3 * 3600_000;
    await db()
      .updateTable('event_sessions')
      .set({ starts_at: new Date(start).toISOString(), ends_at: new Date(start + 7200_000).toISOString() })
      .where('id', '=', held)
      .execute();

    const admin = new TestClient(t.app);
    await admin.login();
    const editor = `/admin/events/${event.productId}`;
    const early = await admin.postForm(`${editor}/sessions/${later}/replay`, {}, { formPage: editor });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /has not started yet/);

    const made = await admin.postForm(`${editor}/sessions/${held}/replay`, {}, { formPage: editor });
    assert.equal(made.statusCode, 303);
    const m = /^\/admin\/courses\/([0-9a-f-]{36})\/lessons\/[0-9a-f-]{36}$/.exec(String(made.headers.location));
    assert.ok(m?.[1], String(made.headers.location));
    const course = await db().selectFrom('products').selectAll().where('id', '=', m[1]).executeTakeFirstOrThrow();
    assert.equal(course.kind, 'course');
    assert.equal(course.status, 'draft');
    const enrolled = await db()
      .selectFrom('course_enrolments')
      .selectAll()
      .where('product_id', '=', course.id)
      .execute();
    assert.deepEqual(
      enrolled.map((e) => [e.email, e.source]),
      [['holder@example.com', 'admin']],
    );
    const session = await db()
      .selectFrom('event_sessions')
      .selectAll()
      .where('id', '=', held)
      .executeTakeFirstOrThrow();
    assert.equal(session.recording_url, `/learn/${course.slug}`);

    const holder = new TestClient(t.app);
    holder.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), 'holder@example.com'));
    const ticket = await db()
      .selectFrom('event_tickets')
      .select('id')
      .where('order_id', '=', r.order.id)
      .executeTakeFirstOrThrow();
    const page = await holder.get(`/events/tickets/${ticket.id}`);
    assert.match(page.body, new RegExp(`href="/learn/${course.slug}"`));
  });
});
