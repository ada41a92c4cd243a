import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedCustomer, seedOrder } from '../orders/testing.js';
import { utcToLocalInput } from '../posts/local-time.js';
import { eventsAdminMessages } from './admin-messages.js';
import { checkInQrSvg, checkInUrl } from './check-in.js';

/**
 * The creator's side of an event, through the admin's forms: creating and
 * editing it, ticket types, sessions (a weekly series across the end of summer
 * time), capacity, attendees with their CSV, check-in by QR code, and that
 * every route is the admin's alone. Tickets are written straight into the
 * tables, as the checkout would leave them once paid.
 */

const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);

describe('events admin', () => {
  let t: TestApp;
  let admin: TestClient;
  let eventId: string;
  const db = () => t.services.database.db;
  const editor = () => `/admin/events/${eventId}`;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  const sessionsOf = () =>
    db()
      .selectFrom('event_sessions as s')
      .innerJoin('event_seat_counts as c', 'c.session_id', 's.id')
      .selectAll('s')
      .select(['c.capacity', 'c.taken'])
      .where('s.product_id', '=', eventId)
      .orderBy('s.starts_at')
      .execute();

  async function seedTicket(o: {
    sessionIds: string[];
    name: string;
    email: string;
    status?: 'valid' | 'cancelled';
    orderId?: string;
  }): Promise<{ id: string; token: string }> {
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const now = isoNow();
    const type = await db()
      .selectFrom('event_ticket_types')
      .select('id')
      .where('product_id', '=', eventId)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('event_tickets')
      .values({
        id,
        product_id: eventId,
        session_id: o.sessionIds.length === 1 ? (o.sessionIds[0] ?? null) : null,
        ticket_type_id: type.id,
        order_id: o.orderId ?? null,
        email: o.email,
        name: o.name,
        locale: 'en',
        status: o.status ?? 'valid',
        hold_expires_at: null,
        check_in_token: token,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const sessionId of o.sessionIds) {
      await db()
        .insertInto('event_seats')
        .values({ ticket_id: id, session_id: sessionId, checked_in_at: null })
        .execute();
      await db()
        .updateTable('event_seat_counts')
        .set((eb) => ({ taken: eb('taken', '+', 1) }))
        .where('session_id', '=', sessionId)
        .execute();
    }
    return { id, token };
  }

  test('the creator makes an event through the forms; bad input re-renders with errors', async () => {
    const empty = await admin.postForm('/admin/events/new', { title: ' ' }, { formPage: '/admin/events' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter a title/);
    const created = await admin.postForm(
      '/admin/events/new',
      { title: 'Watercolour Weekend' },
      { formPage: '/admin/events' },
    );
    assert.equal(created.statusCode, 303);
    eventId = /\/admin\/events\/([0-9a-f-]{36})/.exec(String(created.headers.location))?.[1] ?? '';
    assert.ok(eventId);
    const page = await admin.get(String(created.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Event created/);
    const all = ids(page.body);
    assert.equal(new Set(all).size, all.length, 'ids are unique');

    const details = await admin.postForm(
      `${editor()}/details`,
      { title: 'Watercolour Weekend', summary: 'Paint outdoors.', description: '# Bring a brush', status: 'published' },
      { formPage: editor() },
    );
    assert.equal(details.statusCode, 303);
    const product = await db().selectFrom('products').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    assert.equal(product.status, 'published');
    assert.ok(product.published_at);
    assert.equal(product.summary, 'Paint outdoors.');
    assert.equal(product.kind, 'event');

    const settings = {
      format: 'onsite',
      meetingUrl: '',
      venue: '',
      ticketScope: 'session',
      withdrawalRule: 'leisure',
      salesEnd: '',
      offerHours: '',
    };
    const noVenue = await admin.postForm(`${editor()}/settings`, settings, { formPage: editor() });
    assert.equal(noVenue.statusCode, 400);
    assert.match(noVenue.body, /Enter the address of an on-site event/);
    const badLink = await admin.postForm(
      `${editor()}/settings`,
      { ...settings, format: 'online', meetingUrl: 'javascript:alert(1)' },
      { formPage: editor() },
    );
    assert.equal(badLink.statusCode, 400);
    const ok = await admin.postForm(
      `${editor()}/settings`,
      { ...settings, venue: 'Atelier Nord\nHafenstraße 3', salesEnd: '2026-11-30T18:00', withdrawalRule: 'service' },
      { formPage: editor() },
    );
    assert.equal(ok.statusCode, 303);
    const event = await db()
      .selectFrom('events')
      .selectAll()
      .where('product_id', '=', eventId)
      .executeTakeFirstOrThrow();
    assert.equal(event.format, 'onsite');
    assert.equal(event.venue, 'Atelier Nord\nHafenstraße 3');
    assert.equal(event.sales_end_at, '2026-11-30T17:00:00.000Z', '18:00 in Berlin (winter) is 17:00 UTC');
    assert.equal(event.offer_hours, 24, 'empty means the default');
    assert.equal(event.withdrawal_rule, 'service');
    const shown = await admin.get(editor());
    assert.match(shown.body, /value="2026-11-30T18:00"/, 'shown again on the store clock');
  });

  test('ticket types: a price typed in the admin language; a bad amount is a form error and saves nothing', async () => {
    const count = async () =>
      Number(
        (
          await db()
            .selectFrom('event_ticket_types')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('product_id', '=', eventId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await admin.postForm(
      `${editor()}/ticket-types`,
      { name: 'Early bird', price: '12,5x', availableUntil: '' },
      { formPage: editor() },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /aria-invalid="true"/);
    assert.match(bad.body, /value="12,5x"/, 'what was typed is kept');
    assert.equal(await count(), before);
    const ambiguous = await admin.postForm(
      `${editor()}/ticket-types`,
      { name: 'Early bird', price: '9,001', availableUntil: '' },
      { formPage: editor() },
    );
    assert.equal(ambiguous.statusCode, 400);
    assert.equal(await count(), before);

    const added = await admin.postForm(
      `${editor()}/ticket-types`,
      { name: 'Early bird', price: '1,234.50', availableUntil: '2026-10-01T00:00' },
      { formPage: editor() },
    );
    assert.equal(added.statusCode, 303);
    const early = await db()
      .selectFrom('event_ticket_types')
      .selectAll()
      .where('product_id', '=', eventId)
      .where('name', '=', 'Early bird')
      .executeTakeFirstOrThrow();
    assert.equal(early.price_minor, 123450);
    assert.equal(early.available_until, '2026-09-30T22:00:00.000Z');
    const edited = await admin.postForm(
      `${editor()}/ticket-types/${early.id}`,
      { name: 'Early bird', price: '39', availableUntil: '' },
      { formPage: editor() },
    );
    assert.equal(edited.statusCode, 303);
    const product = await db().selectFrom('products').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    assert.equal(product.price_minor, 3900, 'the lowest paid price');

    // The free "Ticket" goes; the last type cannot.
    const free = await db()
      .selectFrom('event_ticket_types')
      .select('id')
      .where('product_id', '=', eventId)
      .where('name', '=', 'Ticket')
      .executeTakeFirstOrThrow();
    assert.equal(
      (await admin.postForm(`${editor()}/ticket-types/${free.id}/delete`, {}, { formPage: editor() })).statusCode,
      303,
    );
    const last = await admin.postForm(`${editor()}/ticket-types/${early.id}/delete`, {}, { formPage: editor() });
    assert.equal(last.statusCode, 400);
    assert.match(last.body, /at least one ticket type/);
  });

  test('sessions: a weekly series across the end of summer time keeps 10:00 on the store clock', async () => {
    const missing = await admin.postForm(
      `${editor()}/sessions`,
      { date: '2026-10-14', start: '10:00', end: '', duration: '', capacity: '12', repeat: '3' },
      { formPage: editor() },
    );
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /end time or the duration/);
    const badCapacity = await admin.postForm(
      `${editor()}/sessions`,
      { date: '2026-10-14', start: '10:00', end: '12:00', duration: '', capacity: '-3', repeat: '' },
      { formPage: editor() },
    );
    assert.equal(badCapacity.statusCode, 400);
    assert.equal((await sessionsOf()).length, 0);

    const series = await admin.postForm(
      `${editor()}/sessions`,
      { date: '2026-10-14', start: '10:00', end: '12:30', duration: '', capacity: '12', repeat: '3' },
      { formPage: editor() },
    );
    assert.equal(series.statusCode, 303);
    const sessions = await sessionsOf();
    assert.deepEqual(
      sessions.map((s) => [s.starts_at, s.ends_at]),
      [
        ['2026-10-14T08:00:00.000Z', '2026-10-14T10:30:00.000Z'],
        ['2026-10-21T08:00:00.000Z', '2026-10-21T10:30:00.000Z'],
        ['2026-10-28T09:00:00.000Z', '2026-10-28T11:30:00.000Z'],
      ],
    );
    for (const s of sessions) {
      assert.equal(utcToLocalInput(s.starts_at, 'Europe/Berlin').slice(11), '10:00');
      assert.equal(s.capacity, 12);
    }
    const withDuration = await admin.postForm(
      `${editor()}/sessions`,
      { date: '2027-03-24', start: '18:00', end: '', duration: '90', capacity: '5', repeat: '2' },
      { formPage: editor() },
    );
    assert.equal(withDuration.statusCode, 303);
    const spring = (await sessionsOf()).slice(3);
    assert.deepEqual(
      spring.map((s) => [s.starts_at, s.ends_at]),
      [
        ['2027-03-24T17:00:00.000Z', '2027-03-24T18:30:00.000Z'],
        ['2027-03-31T16:00:00.000Z', '2027-03-31T17:30:00.000Z'],
      ],
    );
    const page = await admin.get(`${editor()}?done=added&n=2`);
    assert.match(page.body, /Sessions added: 2/);
    assert.match(page.body, /0 of 12 seats taken/);
    const all = ids(page.body);
    assert.equal(new Set(all).size, all.length, 'ids are unique');

    // A session nobody holds a ticket for may be deleted.
    const lastSession = spring[1];
    assert.ok(lastSession);
    const del = await admin.postForm(`${editor()}/sessions/${lastSession.id}/delete`, {}, { formPage: editor() });
    assert.equal(del.statusCode, 303);
    assert.equal((await sessionsOf()).length, 4);
  });

  test('capacity: changed freely above the seats taken, refused below them with a form error', async () => {
    const [first] = await sessionsOf();
    assert.ok(first);
    for (const n of [1, 2, 3])
      await seedTicket({ sessionIds: [first.id], name: `Guest ${n}`, email: `g${n}@example.com` });
    const url = `${editor()}/sessions/${first.id}/capacity`;
    const below = await admin.postForm(url, { capacity: '2' }, { formPage: editor() });
    assert.equal(below.statusCode, 400);
    assert.match(below.body, /More seats are already taken/);
    assert.equal((await sessionsOf())[0]?.capacity, 12);
    assert.equal((await admin.postForm(url, { capacity: 'many' }, { formPage: editor() })).statusCode, 400);
    assert.equal((await admin.postForm(url, { capacity: '3' }, { formPage: editor() })).statusCode, 303);
    assert.equal((await sessionsOf())[0]?.capacity, 3);
    const withTickets = await admin.postForm(`${editor()}/sessions/${first.id}/delete`, {}, { formPage: editor() });
    assert.equal(withTickets.statusCode, 400);
    assert.match(withTickets.body, /cancel it instead/);
  });

  test('attendees: the list by session, order links, check-in and undo, CSV with formulas escaped', async () => {
    const [, second] = await sessionsOf();
    assert.ok(second);
    const customer = await seedCustomer(db(), { email: 'ada@example.com', name: 'Ada' });
    const order = await seedOrder(db(), {
      customer,
      items: [{ product: { id: eventId, title: 'Watercolour Weekend', priceMinor: 3900 } }],
    });
    const ada = await seedTicket({ sessionIds: [second.id], name: 'Ada', email: 'ada@example.com', orderId: order.id });
    await seedTicket({ sessionIds: [second.id], name: '=HYPERLINK("http://evil.example")', email: 'eve@example.com' });
    await seedTicket({ sessionIds: [second.id], name: 'Gone', email: 'gone@example.com', status: 'cancelled' });

    const list = `/admin/events/${eventId}/attendees?session=${second.id}`;
    const page = await admin.get(list);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ada/);
    assert.ok(page.body.includes(`href="/admin/orders/${order.id}">${order.number}</a>`));
    assert.doesNotMatch(page.body, /Guest 1/, 'filtered to the session');
    assert.match(page.body, /Valid tickets: 2/);
    assert.match(page.body, /Cancelled/);
    const all = ids(page.body);
    assert.equal(new Set(all).size, all.length, 'ids are unique');

    const checkIn = `/admin/events/${eventId}/attendees/${ada.id}/check-in`;
    const done = await admin.postForm(checkIn, { session: second.id, do: 'in', back: second.id }, { formPage: list });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, list);
    const seat = () =>
      db().selectFrom('event_seats').select('checked_in_at').where('ticket_id', '=', ada.id).executeTakeFirstOrThrow();
    assert.ok((await seat()).checked_in_at);
    assert.match((await admin.get(list)).body, /checked in at \d\d:\d\d/);
    await admin.postForm(checkIn, { session: second.id, do: 'undo' }, { formPage: list });
    assert.equal((await seat()).checked_in_at, null);

    const csv = await admin.get(`/admin/events/${eventId}/attendees.csv?session=${second.id}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="attendees-watercolour-weekend-/);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(
      lines[0],
      'name,email,ticket_type,status,order_number,session_start (Europe/Berlin),checked_in_at (Europe/Berlin)',
    );
    assert.equal(lines.length, 4);
    assert.ok(lines.includes(`Ada,ada@example.com,Early bird,valid,${order.number},2026-10-21 10:00,`));
    assert.ok(
      lines.includes('"\'=HYPERLINK(""http://evil.example"")",eve@example.com,Early bird,valid,,2026-10-21 10:00,'),
      'a formula is written as text',
    );
    const everyone = await admin.get(`/admin/events/${eventId}/attendees.csv`);
    assert.equal(everyone.body.trimEnd().split('\r\n').length, 7, 'every session: 3 + 3 tickets');
  });

  test('check-in by QR code: once, then "already"; refused tickets say so; unknown codes are 404', async () => {
    const [, first] = await sessionsOf();
    assert.ok(first);
    const ticket = await seedTicket({ sessionIds: [first.id], name: 'Grace', email: 'grace@example.com' });
    const svg = await checkInQrSvg('https://shop.example/', ticket.token);
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal(
      checkInUrl('https://shop.example/', ticket.token),
      `https://shop.example/admin/events/check-in/${ticket.token}`,
    );

    const url = `/admin/events/check-in/${ticket.token}`;
    const before = await admin.get(url);
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /Grace/);
    assert.match(before.body, /Watercolour Weekend/);
    assert.match(before.body, />Check in</);

    const first1 = await admin.postForm(url, { session: first.id });
    assert.equal(first1.statusCode, 303);
    assert.match(String(first1.headers.location), /result=ok/);
    assert.match((await admin.get(String(first1.headers.location))).body, /Checked in at \d\d:\d\d/);
    const at = (
      await db()
        .selectFrom('event_seats')
        .select('checked_in_at')
        .where('ticket_id', '=', ticket.id)
        .executeTakeFirstOrThrow()
    ).checked_in_at;
    assert.ok(at);

    const again = await admin.get(url);
    assert.match(again.body, /Already checked in at \d\d:\d\d/);
    const second = await admin.postForm(url, { session: first.id }, { formPage: `/admin/events/${eventId}` });
    assert.doesNotMatch(String(second.headers.location), /result=ok/);
    const seatAfter = await db()
      .selectFrom('event_seats')
      .select('checked_in_at')
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    assert.equal(seatAfter.checked_in_at, at, 'the first time stays');

    const unknown = await admin.get(`/admin/events/check-in/${randomBytes(32).toString('base64url')}`);
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Not a valid ticket/);
    const junk = await admin.get('/admin/events/check-in/%3Cscript%3E');
    assert.equal(junk.statusCode, 404);

    const cancelled = await seedTicket({
      sessionIds: [first.id],
      name: 'Refunded Rita',
      email: 'rita@example.com',
      status: 'cancelled',
    });
    const refused = await admin.get(`/admin/events/check-in/${cancelled.token}`);
    assert.match(refused.body, /Ticket not valid — do not admit/);
    assert.match(refused.body, /cancelled or refunded/);
    assert.doesNotMatch(refused.body, />Check in</);
    const forced = await admin.postForm(
      `/admin/events/check-in/${cancelled.token}`,
      { session: first.id },
      { formPage: `/admin/events/${eventId}` },
    );
    assert.equal(forced.statusCode, 303);
    const ritaSeat = await db()
      .selectFrom('event_seats')
      .select('checked_in_at')
      .where('ticket_id', '=', cancelled.id)
      .executeTakeFirstOrThrow();
    assert.equal(ritaSeat.checked_in_at, null);

    // A ticket holder scanning their own code is sent to the admin login.
    const holder = new TestClient(t.app);
    const asHolder = await holder.get(url);
    assert.equal(asHolder.statusCode, 303);
    assert.equal(asHolder.headers.location, `/admin/login?next=${encodeURIComponent(url)}`);
  });

  test('the creator moves, cancels, and writes to attendees', async () => {
    const sessions = await sessionsOf();
    const third = sessions[2];
    assert.ok(third);
    const badMove = await admin.postForm(
      `${editor()}/sessions/${third.id}/move`,
      { startsAt: '2026-10-29T12:00', endsAt: '2026-10-29T11:00' },
      { formPage: editor() },
    );
    assert.equal(badMove.statusCode, 400);
    assert.match(badMove.body, /end must be after the start/);
    const moved = await admin.postForm(
      `${editor()}/sessions/${third.id}/move`,
      { startsAt: '2026-10-29T14:00', endsAt: '2026-10-29T16:00' },
      { formPage: editor() },
    );
    assert.equal(moved.statusCode, 303);
    const after = await db()
      .selectFrom('event_sessions')
      .selectAll()
      .where('id', '=', third.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.starts_at, '2026-10-29T13:00:00.000Z');

    const fourth = sessions[3];
    assert.ok(fourth);
    const cancelled = await admin.postForm(`${editor()}/sessions/${fourth.id}/cancel`, {}, { formPage: editor() });
    assert.equal(cancelled.statusCode, 303);
    const gone = await db()
      .selectFrom('event_sessions')
      .select('status')
      .where('id', '=', fourth.id)
      .executeTakeFirstOrThrow();
    assert.equal(gone.status, 'cancelled');

    const list = `/admin/events/${eventId}/attendees`;
    const empty = await admin.postForm(`${list}/message`, { session: '', subject: '', body: ' ' }, { formPage: list });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter a subject/);
    const sent = await admin.postForm(
      `${list}/message`,
      { session: '', subject: 'Bring an apron', body: 'Paint stains.' },
      { formPage: list },
    );
    assert.equal(sent.statusCode, 303);
    assert.match((await admin.get(String(sent.headers.location))).body, /Messages queued: \d+/);
  });

  test('every event admin route refuses anyone but the admin', async () => {
    const stranger = new TestClient(t.app);
    const [s] = await sessionsOf();
    assert.ok(s);
    const ticket = await db().selectFrom('event_tickets').select(['id', 'check_in_token']).executeTakeFirstOrThrow();
    const type = await db().selectFrom('event_ticket_types').select('id').executeTakeFirstOrThrow();
    const e = `/admin/events/${eventId}`;
    const gets = [
      '/admin/events',
      e,
      `${e}/attendees`,
      `${e}/attendees.csv`,
      `/admin/events/check-in/${ticket.check_in_token}`,
    ];
    const posts = [
      '/admin/events/new',
      `${e}/details`,
      `${e}/settings`,
      `${e}/ticket-types`,
      `${e}/ticket-types/${type.id}`,
      `${e}/ticket-types/${type.id}/delete`,
      `${e}/sessions`,
      `${e}/sessions/${s.id}/capacity`,
      `${e}/sessions/${s.id}/move`,
      `${e}/sessions/${s.id}/cancel`,
      `${e}/sessions/${s.id}/recording`,
      `${e}/sessions/${s.id}/delete`,
      `${e}/attendees/${ticket.id}/check-in`,
      `${e}/attendees/message`,
      `/admin/events/check-in/${ticket.check_in_token}`,
    ];
    for (const url of gets) {
      const r = await stranger.get(url);
      assert.equal(r.statusCode, 303, url);
      assert.match(String(r.headers.location), /^\/admin\/login/, url);
    }
    const token = await stranger.csrfFrom('/admin/login');
    const before = await db().selectFrom('event_sessions').selectAll().orderBy('id').execute();
    for (const url of posts) {
      const r = await stranger.postForm(url, { title: 'x', capacity: '1', session: s.id }, { csrf: token });
      assert.equal(r.statusCode, 303, url);
      assert.match(String(r.headers.location), /^\/admin\/login/, url);
    }
    assert.deepEqual(await db().selectFrom('event_sessions').selectAll().orderBy('id').execute(), before);
  });
  test('in German, the event admin pages show none of their English texts', async () => {
    const { en, de } = eventsAdminMessages;
    const german = Object.values(de).join('\n');
    const english = Object.entries(en).flatMap(([key, value]) =>
      (de as Record<string, string>)[key] === value
        ? []
        : value
            .split(/\{\w+\}/)
            .map((p) => p.trim())
            .filter((p) => p.length >= 12 && /\s/.test(p) && !german.includes(p)),
    );
    const visible = (html: string) =>
      html
        .replace(/<(script|style|textarea)[^>]*>[\s\S]*?<\/\1>/g, ' ')
        .replace(/aria-label="([^"]*)"/g, '>$1<')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ');
    const [, second] = await sessionsOf();
    assert.ok(second);
    const ticket = await seedTicket({ sessionIds: [second.id], name: 'Lise', email: 'lise@example.com' });
    await admin.get('/lang/de');
    try {
      const pages = [
        '/admin/events',
        editor(),
        `${editor()}/attendees`,
        `/admin/events/check-in/${ticket.token}`,
        `/admin/events/check-in/${randomBytes(32).toString('base64url')}`,
      ];
      for (const url of pages) {
        const text = visible((await admin.get(url)).body);
        assert.deepEqual(
          english.filter((p) => text.includes(p)),
          [],
          url,
        );
      }
      assert.match(visible((await admin.get(editor())).body), /Termin hinzufügen/);
      const bad = await admin.postForm(
        `${editor()}/ticket-types`,
        { name: 'Frühbucher', price: '12.5', availableUntil: '' },
        { formPage: editor() },
      );
      assert.equal(bad.statusCode, 303, '"12.5" is read in German too (a thousands group has three digits)');
      const type = await db()
        .selectFrom('event_ticket_types')
        .select('price_minor')
        .where('name', '=', 'Frühbucher')
        .executeTakeFirstOrThrow();
      assert.equal(type.price_minor, 1250);
      await admin.postForm(
        `${editor()}/ticket-types`,
        { name: 'Regulär', price: '1.234,50', availableUntil: '' },
        { formPage: editor() },
      );
      const regular = await db()
        .selectFrom('event_ticket_types')
        .select('price_minor')
        .where('name', '=', 'Regulär')
        .executeTakeFirstOrThrow();
      assert.equal(regular.price_minor, 123450, 'German grouping and decimal comma');
    } finally {
      await admin.get('/lang/en');
    }
  });
});
