import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { startCheckout } from '../checkout/start-checkout.js';
import { utcToLocalInput } from '../posts/local-time.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { bookingsAdminMessages } from './admin-messages.js';
import { slotChoice } from './holds.js';
import { seedBookingType, slotStart } from './testing.js';

/**
 * The creator's side of bookings, through the admin's forms: a session type
 * made and set up (every number checked, nothing saved on bad input), a paid
 * booking cancelled with its refund, moved to a free time and refused a taken
 * one, the calendar address renewed, and every route the admin's alone.
 */

const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);

const GOOD_SETTINGS = {
  duration: '45',
  step: '15',
  bufferBefore: '5',
  bufferAfter: '10',
  noticeHours: '2',
  horizonDays: '30',
  dailyCap: '3',
  weeklyCap: '10',
  cancelHours: '48',
  location: 'online',
  meetingUrl: 'https://meet.example.com/garden',
  phoneNote: '',
  address: '',
  questions: 'What is your garden like? *\nAnything else?',
};

describe('bookings admin', () => {
  let t: TestApp;
  let admin: TestClient;
  let typeId: string;
  let timeZone: string;
  const db = () => t.services.database.db;
  const editor = () => `/admin/bookings/types/${typeId}`;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    timeZone = (await getStoreSettings(db())).timeZone;
  });
  after(() => t.close());

  const typeRow = () =>
    db().selectFrom('booking_types').selectAll().where('product_id', '=', typeId).executeTakeFirstOrThrow();
  const productRow = () => db().selectFrom('products').selectAll().where('id', '=', typeId).executeTakeFirstOrThrow();

  /** A paid booking of `productId` at `start`: held by the checkout, confirmed by the test provider's payment. */
  async function paidBooking(productId: string, start: string, email: string) {
    const r = await startCheckout(t.services, {
      productId,
      choice: slotChoice(start, 'Europe/Berlin'),
      email,
      name: 'Rosa Gärtner',
      digitalConsent: false,
      serviceConsent: true,
      locale: 'en',
    });
    assert.equal(r.kind, 'redirect', JSON.stringify(r));
    if (r.kind !== 'redirect') throw new Error('not booked');
    await new TestClient(t.app).postForm(r.url, { outcome: 'pay' }, { formPage: r.url });
    await t.drainJobs();
    const booking = await db()
      .selectFrom('bookings')
      .selectAll()
      .where('order_id', '=', r.order.id)
      .executeTakeFirstOrThrow();
    assert.equal(booking.status, 'confirmed');
    return { booking, orderId: r.order.id };
  }

  test('the creator makes a session type through the forms', async () => {
    const empty = await admin.postForm(
      '/admin/bookings/types/new',
      { title: ' ' },
      { formPage: '/admin/bookings/types' },
    );
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter a title/);
    const created = await admin.postForm(
      '/admin/bookings/types/new',
      { title: 'Garden consultation' },
      { formPage: '/admin/bookings/types' },
    );
    assert.equal(created.statusCode, 303);
    typeId = /\/admin\/bookings\/types\/([0-9a-f-]{36})/.exec(String(created.headers.location))?.[1] ?? '';
    assert.ok(typeId);
    const page = await admin.get(String(created.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Session type created/);
    const all = ids(page.body);
    assert.equal(new Set(all).size, all.length, 'ids are unique');

    const details = await admin.postForm(
      `${editor()}/details`,
      {
        title: 'Garden consultation',
        summary: 'An hour about your garden.',
        description: '# What we do',
        status: 'published',
        pricing: 'fixed',
        price: '80.00',
        minPrice: '',
        suggestedPrice: '',
      },
      { formPage: editor() },
    );
    assert.equal(details.statusCode, 303, details.body);
    const product = await productRow();
    assert.equal(product.kind, 'booking');
    assert.equal(product.status, 'published');
    assert.equal(product.pricing, 'fixed');
    assert.equal(product.price_minor, 8000);
    assert.equal(product.summary, 'An hour about your garden.');

    const settings = await admin.postForm(`${editor()}/settings`, GOOD_SETTINGS, { formPage: editor() });
    assert.equal(settings.statusCode, 303, settings.body);
    const row = await typeRow();
    assert.equal(row.duration_minutes, 45);
    assert.equal(row.slot_step_minutes, 15);
    assert.equal(row.buffer_before_minutes, 5);
    assert.equal(row.buffer_after_minutes, 10);
    assert.equal(row.min_notice_minutes, 120);
    assert.equal(row.horizon_days, 30);
    assert.equal(row.daily_cap, 3);
    assert.equal(row.weekly_cap, 10);
    assert.equal(row.free_cancel_hours, 48);
    assert.equal(row.location, 'online');
    assert.equal(row.location_detail, 'https://meet.example.com/garden');
    const questions = JSON.parse(row.questions) as { id: string; label: string; required: boolean }[];
    assert.deepEqual(
      questions.map(({ label, required }) => ({ label, required })),
      [
        { label: 'What is your garden like?', required: true },
        { label: 'Anything else?', required: false },
      ],
    );

    // Saved again with one question reworded: the unchanged one keeps its id (its answers stay with it).
    const again = await admin.postForm(
      `${editor()}/settings`,
      { ...GOOD_SETTINGS, questions: 'What is your garden like? *\nYour phone number *' },
      { formPage: editor() },
    );
    assert.equal(again.statusCode, 303);
    const reworded = JSON.parse((await typeRow()).questions) as { id: string; label: string }[];
    assert.equal(reworded[0]?.id, questions[0]?.id);
    assert.notEqual(reworded[1]?.id, questions[1]?.id);

    const shown = await admin.get(`${editor()}?done=saved`);
    assert.match(shown.body, /Saved\./);
    assert.match(shown.body, /value="45"/);
    assert.match(shown.body, /Your phone number \*/);
    const list = await admin.get('/admin/bookings/types');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Garden consultation/);
    assert.match(list.body, /45 min/);
    assert.match(list.body, /80\.00/);
  });

  test('empty optional fields mean the defaults; an on-site session needs its address', async () => {
    const noAddress = await admin.postForm(
      `${editor()}/settings`,
      { duration: '60', location: 'onsite', address: '  ' },
      { formPage: editor() },
    );
    assert.equal(noAddress.statusCode, 400);
    assert.match(noAddress.body, /Enter the address for sessions on site/);
    const r = await admin.postForm(
      `${editor()}/settings`,
      { duration: '60', location: 'onsite', address: 'Gartenweg 1\r\n12345 Berlin' },
      { formPage: editor() },
    );
    assert.equal(r.statusCode, 303);
    const row = await typeRow();
    assert.equal(row.buffer_before_minutes, 0);
    assert.equal(row.buffer_after_minutes, 0);
    assert.equal(row.min_notice_minutes, 720);
    assert.equal(row.horizon_days, 60);
    assert.equal(row.daily_cap, null);
    assert.equal(row.weekly_cap, null);
    assert.equal(row.slot_step_minutes, 30);
    assert.equal(row.free_cancel_hours, 24);
    assert.equal(row.location_detail, 'Gartenweg 1\n12345 Berlin');
    assert.equal(row.questions, '[]');
  });

  test('bad numbers are refused with 400, shown in the page, and nothing is saved', async () => {
    const before = await typeRow();
    const bad: [Record<string, string>, RegExp][] = [
      [{ duration: '' }, /Enter the duration in minutes/],
      [{ duration: '47' }, /a multiple of 5, from 5 to 480/],
      [{ duration: '60.5' }, /a multiple of 5, from 5 to 480/],
      [{ duration: '0' }, /a multiple of 5, from 5 to 480/],
      [{ duration: '600' }, /a multiple of 5, from 5 to 480/],
      [{ bufferBefore: '-5' }, /whole minutes from 0 to 240/],
      [{ bufferAfter: '1e2' }, /whole minutes from 0 to 240/],
      [{ step: '7' }, /a multiple of 5, from 5 to 240/],
      [{ noticeHours: '1.5' }, /whole hours from 0 to 720/],
      [{ horizonDays: '0' }, /whole days from 1 to 365/],
      [{ horizonDays: 'abc' }, /whole days from 1 to 365/],
      [{ dailyCap: '0' }, /from 1 to 50/],
      [{ dailyCap: '5', weeklyCap: '2' }, /weekly limit cannot be lower/],
      [{ cancelHours: '9999' }, /whole hours from 0 to 720/],
      [{ location: 'moon' }, /Please choose one/],
      [{ meetingUrl: 'javascript:alert(1)' }, /full web address/],
      [{ meetingUrl: '' }, /meeting link for online sessions/],
      [{ questions: Array.from({ length: 11 }, (_, i) => `Question ${i}`).join('\n') }, /At most 10 questions/],
      [{ questions: 'Same?\nsame?' }, /Each question only once/],
    ];
    for (const [fields, message] of bad) {
      const r = await admin.postForm(`${editor()}/settings`, { ...GOOD_SETTINGS, ...fields }, { formPage: editor() });
      assert.equal(r.statusCode, 400, JSON.stringify(fields));
      assert.match(r.body, message, JSON.stringify(fields));
      assert.match(r.body, /Nothing was saved/);
    }
    // The typed value is shown again.
    const typed = await admin.postForm(
      `${editor()}/settings`,
      { ...GOOD_SETTINGS, duration: '47' },
      { formPage: editor() },
    );
    assert.match(typed.body, /value="47"/);
    assert.deepEqual(await typeRow(), before);

    const productBefore = await productRow();
    const badPrice = await admin.postForm(
      `${editor()}/details`,
      { title: 'Changed', summary: '', description: '', status: 'published', pricing: 'fixed', price: 'abc' },
      { formPage: editor() },
    );
    assert.equal(badPrice.statusCode, 400);
    const noStatus = await admin.postForm(
      `${editor()}/details`,
      { title: 'Changed', summary: '', description: '', status: 'sold', pricing: 'free' },
      { formPage: editor() },
    );
    assert.equal(noStatus.statusCode, 400);
    assert.match(noStatus.body, /Please choose one/);
    // A slot has no amount field: pay what you want would book for nothing.
    const pwyw = await admin.postForm(
      `${editor()}/details`,
      { title: 'Changed', summary: '', description: '', status: 'published', pricing: 'pwyw', minPrice: '0' },
      { formPage: editor() },
    );
    assert.equal(pwyw.statusCode, 400);
    assert.match(pwyw.body, /fixed price or is free/);
    assert.doesNotMatch((await admin.get(editor())).body, /value="pwyw"/);
    assert.deepEqual(await productRow(), productBefore);
  });

  test('cancelling with a refund in full: the booking ends cancelled, its order refunded', async () => {
    const { productId } = await seedBookingType(t.services, { title: 'Pruning hour' });
    const { booking, orderId } = await paidBooking(productId, slotStart(6, 9), 'cancel@example.com');
    const page = await admin.get('/admin/bookings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /cancel@example\.com/);
    assert.match(page.body, /Pruning hour/);
    assert.match(page.body, new RegExp(`href="/admin/orders/${orderId}"`));
    assert.match(page.body, /name="refund" value="yes" checked/);
    assert.match(page.body, /This month:/);
    const all = ids(page.body);
    assert.equal(new Set(all).size, all.length, 'ids are unique');

    const r = await admin.postForm(
      `/admin/bookings/${booking.id}/cancel`,
      { refund: 'yes' },
      { formPage: '/admin/bookings' },
    );
    assert.equal(r.statusCode, 303);
    assert.match(String(r.headers.location), /done=refunded/);
    await t.drainJobs();
    const after = await db()
      .selectFrom('bookings')
      .select('status')
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.status, 'cancelled');
    const order = await db().selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
    assert.equal(order.status, 'refunded');

    const twice = await admin.postForm(
      `/admin/bookings/${booking.id}/cancel`,
      { refund: 'yes' },
      { formPage: '/admin/bookings' },
    );
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /no longer confirmed/);
    const cancelled = await admin.get('/admin/bookings?show=cancelled');
    assert.match(cancelled.body, /cancel@example\.com/);
  });

  test('cancelling without the refund leaves the order paid', async () => {
    const { productId } = await seedBookingType(t.services, { title: 'Soil check' });
    const { booking, orderId } = await paidBooking(productId, slotStart(7, 9), 'norefund@example.com');
    const r = await admin.postForm(`/admin/bookings/${booking.id}/cancel`, {}, { formPage: '/admin/bookings' });
    assert.equal(r.statusCode, 303);
    assert.match(String(r.headers.location), /done=cancelled/);
    await t.drainJobs();
    const order = await db().selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
    assert.equal(order.status, 'paid');
  });

  test('moving a booking: to a free time it moves, to a taken one it is refused with the reason', async () => {
    const { productId } = await seedBookingType(t.services, { title: 'Planting plan' });
    const { booking } = await paidBooking(productId, slotStart(9, 9), 'move@example.com');
    await paidBooking(productId, slotStart(9, 14), 'other@example.com');
    const url = `/admin/bookings/${booking.id}/move`;

    const bad = await admin.postForm(url, { startsAt: 'tomorrow' }, { formPage: '/admin/bookings' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a date and time/);

    const taken = await admin.postForm(
      url,
      { startsAt: utcToLocalInput(slotStart(9, 14), timeZone) },
      { formPage: '/admin/bookings' },
    );
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /That time is not free/);
    const unchanged = await db()
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.equal(unchanged.starts_at, booking.starts_at);

    const free = slotStart(9, 11);
    const moved = await admin.postForm(
      url,
      { startsAt: utcToLocalInput(free, timeZone) },
      { formPage: '/admin/bookings' },
    );
    assert.equal(moved.statusCode, 303);
    assert.match(String(moved.headers.location), /done=moved/);
    const row = await db().selectFrom('bookings').selectAll().where('id', '=', booking.id).executeTakeFirstOrThrow();
    assert.equal(row.starts_at, free);
    assert.equal(row.sequence, booking.sequence + 1);
    assert.match((await admin.get(String(moved.headers.location))).body, /The booking is moved/);
  });

  test('the calendar address: shown, and a new one ends the old', async () => {
    const feedOf = async () => {
      const page = await admin.get('/admin/bookings');
      const m =
        /id="feed-url"[^>]*value="([^"]+)"/.exec(page.body) ?? /value="([^"]+)"[^>]*id="feed-url"/.exec(page.body);
      assert.ok(m?.[1], 'the address is on the page');
      return new URL(m[1]).pathname;
    };
    const old = await feedOf();
    assert.match(old, /^\/bookings\/calendar\/[A-Za-z0-9_-]{40,}\.ics$/);
    const before = await t.app.inject({ method: 'GET', url: old });
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /BEGIN:VCALENDAR/);
    const r = await admin.postForm('/admin/bookings/calendar-feed/rotate', {}, { formPage: '/admin/bookings' });
    assert.equal(r.statusCode, 303);
    assert.match((await admin.get(String(r.headers.location))).body, /old one no longer works/);
    const fresh = await feedOf();
    assert.notEqual(fresh, old);
    assert.equal((await t.app.inject({ method: 'GET', url: old })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: fresh })).statusCode, 200);
  });

  test('every bookings admin route refuses anyone but the admin', async () => {
    const stranger = new TestClient(t.app);
    const booking = await db()
      .selectFrom('bookings')
      .select('id')
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow();
    const gets = ['/admin/bookings', '/admin/bookings?show=past', '/admin/bookings/types', editor()];
    const posts = [
      `/admin/bookings/${booking.id}/move`,
      `/admin/bookings/${booking.id}/cancel`,
      '/admin/bookings/calendar-feed/rotate',
      '/admin/bookings/types/new',
      `${editor()}/details`,
      `${editor()}/settings`,
    ];
    for (const url of gets) {
      const r = await stranger.get(url);
      assert.equal(r.statusCode, 303, url);
      assert.match(String(r.headers.location), /^\/admin\/login/, url);
    }
    const token = await stranger.csrfFrom('/admin/login');
    const snapshot = async () => ({
      bookings: await db().selectFrom('bookings').selectAll().orderBy('id').execute(),
      types: await db().selectFrom('booking_types').selectAll().orderBy('product_id').execute(),
      products: await db().selectFrom('products').select(['id', 'title', 'status']).orderBy('id').execute(),
    });
    const before = await snapshot();
    for (const url of posts) {
      const r = await stranger.postForm(
        url,
        {
          ...GOOD_SETTINGS,
          title: 'x',
          status: 'archived',
          pricing: 'free',
          refund: 'yes',
          startsAt: '2030-01-01T10:00',
        },
        { csrf: token },
      );
      assert.equal(r.statusCode, 303, url);
      assert.match(String(r.headers.location), /^\/admin\/login/, url);
    }
    assert.deepEqual(await snapshot(), before);
  });

  test('in German, the bookings admin texts are all translated', () => {
    const { en, de } = bookingsAdminMessages;
    assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
    const same = Object.entries(en).filter(
      ([key, value]) => (de as Record<string, string>)[key] === value && !/^(Online|Status|\{n\}.*)$/.test(value),
    );
    assert.deepEqual(same, []);
  });
});
