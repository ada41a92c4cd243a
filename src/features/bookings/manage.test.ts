import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { enqueueJob } from '../../jobs/queue.js';
import { setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { type ParsedMessage, parseMessage, type SmtpReceiver, startSmtpReceiver } from '../email/testing-smtp.js';
import { smtpMailer } from '../email/transport.js';
import { readInvitation, seedPaidOrder } from '../events/mail-testing.js';
import { bookingCalendarFeedUrl, rotateBookingCalendarFeedToken } from './calendar-feed.js';
import { bookingMailJob, scheduleBookingReminders } from './job-contracts.js';
import { buildBookingTestApp, HOUR, hourFromNow, MEETING_URL, seedBooking, seedBookingType } from './mail-testing.js';
import { sendBookingReminder } from './mails.js';
import { cancelBooking, rescheduleBooking } from './manage.js';

const PUBLIC_URL = 'https://laden.example';

describe('bookings: invitations, emails, the booking page and the feed', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  const everything: ParsedMessage[] = [];

  before(async () => {
    smtp = await startSmtpReceiver();
    t = await buildBookingTestApp({ mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}?tls=off`), env: { PUBLIC_URL } });
    await setUpStore(t.services, { storeName: 'Beratung Berlin', locale: 'en' });
  });
  after(async () => {
    for (const m of everything) {
      assert.ok(!m.body.includes('meet.example'), 'no meeting link in any email');
      for (const p of m.parts) assert.ok(!p.body.includes('meet.example'), 'no meeting link in any part or .ics');
    }
    assert.ok(everything.length >= 6);
    await t.close();
    await smtp.close();
  });

  async function delivered(): Promise<ParsedMessage[]> {
    await t.drainJobs();
    const mails = smtp.messages.map((m) => parseMessage(m.raw));
    everything.push(...mails);
    smtp.messages.length = 0;
    return mails;
  }
  const textOf = (m: ParsedMessage) =>
    m.parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'))?.body ?? '';
  const icsOf = (m: ParsedMessage) => {
    const part = m.parts.find((p) => p.headers.get('content-type')?.startsWith('text/calendar'));
    assert.ok(part, 'a text/calendar part');
    return readInvitation(part.body);
  };
  const row = (id: string) =>
    t.services.database.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('confirm → reschedule → cancel: one UID, rising SEQUENCE, REQUEST then CANCEL, each email once', async () => {
    const productId = await seedBookingType(t);
    const start = hourFromNow(72);
    const { id, token } = await seedBooking(t, productId, start, { clientTimeZone: 'America/New_York' });
    const db = t.services.database.db;
    await enqueueJob(db, bookingMailJob, { bookingId: id, occasion: 'confirmed' });
    await enqueueJob(db, bookingMailJob, { bookingId: id, occasion: 'confirmed' });
    const [confirmed, ...more] = await delivered();
    assert.ok(confirmed);
    assert.equal(more.length, 0, 'the second job finds the email claimed');
    assert.equal(confirmed.headers.get('subject'), 'Booked: Mentoring Call');
    const text = textOf(confirmed);
    assert.match(text, /Pricing my first course/, 'the answers repeated');
    assert.ok(text.includes(`${PUBLIC_URL}/bookings/manage/${token}`), 'the manage link');
    assert.match(text, /free of charge until .*\(America\/New_York\)/, 'the deadline on the client’s clock, named');
    let ics = icsOf(confirmed);
    assert.equal(ics.method, 'REQUEST');
    assert.equal(ics.events.length, 1);
    assert.equal(ics.events[0]?.uid, `${id}@laden.example`);
    assert.equal(ics.events[0]?.sequence, 0);
    assert.equal(ics.events[0]?.start, start);
    assert.equal(ics.events[0]?.location, `${PUBLIC_URL}/bookings/manage/${token}`);
    assert.match(ics.attendee[0] ?? '', /ada@example.com/i);

    const newStart = hourFromNow(96);
    assert.equal(await rescheduleBooking(t.services, id, newStart, 'owner@example.com'), 'rescheduled');
    const [moved] = await delivered();
    assert.ok(moved);
    ics = icsOf(moved);
    assert.equal(ics.method, 'REQUEST');
    assert.equal(ics.events[0]?.uid, `${id}@laden.example`);
    assert.equal(ics.events[0]?.sequence, 1);
    assert.equal(ics.events[0]?.start, newStart);
    assert.equal((await row(id)).block_start, newStart);

    assert.equal(
      await cancelBooking(t.services, id, { by: 'creator', refund: false }, 'owner@example.com'),
      'cancelled',
    );
    assert.equal(
      await cancelBooking(t.services, id, { by: 'creator', refund: false }, 'owner@example.com'),
      'not-active',
    );
    const cancelled = await delivered();
    assert.equal(cancelled.length, 1);
    ics = icsOf(cancelled[0] as ParsedMessage);
    assert.equal(ics.method, 'CANCEL');
    assert.equal(ics.events[0]?.sequence, 2);
    assert.equal(ics.events[0]?.status, 'CANCELLED');
    const r = await row(id);
    assert.equal(r.status, 'cancelled');
    assert.equal(r.sequence, 2);
  });

  test('reminders: sent at the current sequence only, never for a booking no longer confirmed', async () => {
    const productId = await seedBookingType(t, { location: 'onsite', detail: 'Praxis\nLindenstr. 3\n10969 Berlin' });
    const { id } = await seedBooking(t, productId, hourFromNow(50));
    await scheduleBookingReminders(t.services.database.db, { id, starts_at: hourFromNow(50), sequence: 0 });
    assert.equal(await sendBookingReminder(t.services, { bookingId: id, sequence: 0, lead: '24h' }), true);
    assert.equal(await sendBookingReminder(t.services, { bookingId: id, sequence: 0, lead: '24h' }), false, 'once');
    const [mail] = await delivered();
    assert.ok(mail);
    assert.match(textOf(mail), /Lindenstr\. 3/);
    assert.equal(await rescheduleBooking(t.services, id, hourFromNow(60), 'owner@example.com'), 'rescheduled');
    await delivered();
    assert.equal(await sendBookingReminder(t.services, { bookingId: id, sequence: 0, lead: '1h' }), false, 'moved');
    await cancelBooking(t.services, id, { by: 'creator', refund: false }, 'owner@example.com');
    assert.equal(await sendBookingReminder(t.services, { bookingId: id, sequence: 2, lead: '1h' }), false, 'cancelled');
    await delivered();
  });

  test('the client cancels before the deadline: a full refund by a job, once, whatever is clicked twice', async () => {
    const productId = await seedBookingType(t);
    const orderId = await seedPaidOrder(t, productId, 'grace@example.com', { testPayment: true });
    const { id, token } = await seedBooking(t, productId, hourFromNow(72), { orderId, email: 'grace@example.com' });
    const client = new TestClient(t.app);
    const page = await client.get(`/bookings/manage/${token}?step=cancel`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /full refund/);
    assert.ok(!page.body.includes('meet.example'), 'no link three days before');
    const csrf = await client.csrfFrom(`/bookings/manage/${token}?step=cancel`);
    const res = await client.postForm(`/bookings/manage/${token}/cancel`, {}, { csrf });
    assert.equal(res.statusCode, 303);
    const again = await client.postForm(`/bookings/manage/${token}/cancel`, {}, { csrf });
    assert.equal(again.statusCode, 409);
    const mails = await delivered();
    assert.equal(mails.length, 1);
    assert.match(textOf(mails[0] as ParsedMessage), /As you asked/);
    assert.match(textOf(mails[0] as ParsedMessage), /full amount is refunded|payment has been refunded/);
    const order = await t.services.database.db
      .selectFrom('orders')
      .select(['status', 'refunded_minor', 'total_minor'])
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.equal(order.status, 'refunded');
    assert.equal(order.refunded_minor, order.total_minor);
    assert.equal((await row(id)).status, 'cancelled');
  });

  test('the client cancels after the deadline: said before the button, no refund', async () => {
    const productId = await seedBookingType(t, { freeCancelHours: 48 });
    const orderId = await seedPaidOrder(t, productId, 'late@example.com', { testPayment: true });
    const { token } = await seedBooking(t, productId, hourFromNow(24), { orderId, email: 'late@example.com' });
    const client = new TestClient(t.app);
    const page = await client.get(`/bookings/manage/${token}?step=cancel`);
    assert.match(page.body, /your payment is not refunded/);
    const res = await client.postForm(
      `/bookings/manage/${token}/cancel`,
      {},
      { formPage: `/bookings/manage/${token}?step=cancel` },
    );
    assert.equal(res.statusCode, 303);
    const mails = await delivered();
    assert.match(textOf(mails[0] as ParsedMessage), /after the free cancellation period/);
    const order = await t.services.database.db
      .selectFrom('orders')
      .select(['status'])
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.equal(order.status, 'paid');
    const jobs = await t.services.database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'bookings.refund')
      .where('payload', 'like', `%${orderId}%`)
      .execute();
    assert.equal(jobs.length, 0);
  });

  test('rescheduling: refused after the deadline and to a taken time; the page offers free times', async () => {
    const productId = await seedBookingType(t);
    const { id, token } = await seedBooking(t, productId, hourFromNow(100));
    const other = hourFromNow(120);
    await seedBooking(t, productId, other, { email: 'other@example.com' });
    assert.equal(await rescheduleBooking(t.services, id, other, 'client', { by: 'client' }), 'slot-taken');
    const client = new TestClient(t.app);
    const page = await client.get(`/bookings/manage/${token}?step=reschedule&tz=Asia/Tokyo`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes(`value="${other}"`), 'the taken time is not offered');
    const free = hourFromNow(130);
    assert.ok(page.body.includes(`value="${free}"`));
    assert.match(page.body, /Asia\/Tokyo/);
    const res = await client.postForm(
      `/bookings/manage/${token}/reschedule?tz=Asia/Tokyo`,
      { start: other },
      { formPage: `/bookings/manage/${token}?step=reschedule` },
    );
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /just been taken/);
    const ok = await client.postForm(
      `/bookings/manage/${token}/reschedule`,
      { start: free },
      { formPage: `/bookings/manage/${token}?step=reschedule` },
    );
    assert.equal(ok.statusCode, 303);
    assert.equal((await row(id)).starts_at, free);
    await delivered();

    const late = await seedBooking(t, productId, hourFromNow(10));
    assert.equal(
      await rescheduleBooking(t.services, late.id, hourFromNow(140), 'client', { by: 'client' }),
      'too-late',
    );
  });

  test('the booking page: 404 for an unknown token; the meeting link from 15 minutes before the start', async () => {
    const client = new TestClient(t.app);
    assert.equal((await client.get('/bookings/manage/not-a-token')).statusCode, 404);
    assert.equal((await client.get(`/bookings/manage/${'A'.repeat(43)}`)).statusCode, 404);
    const productId = await seedBookingType(t);
    const soon = new Date(Date.now() + 10 * 60_000).toISOString();
    const { token } = await seedBooking(t, productId, soon);
    const page = await client.get(`/bookings/manage/${token}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(MEETING_URL.replace(/&/g, '&amp;')) || page.body.includes(MEETING_URL));
  });

  test('the creator’s feed: confirmed and cancelled bookings of the last 30 days on, parsed; a rotated token ends it', async () => {
    const db = t.services.database.db;
    const productId = await seedBookingType(t, { title: 'Feed Session' });
    const kept = await seedBooking(t, productId, hourFromNow(30), { email: 'feed@example.com' });
    const gone = await seedBooking(t, productId, hourFromNow(31), { email: 'feed2@example.com', status: 'cancelled' });
    const held = await seedBooking(t, productId, hourFromNow(32), { email: 'feed3@example.com', status: 'held' });
    const old = await seedBooking(t, productId, new Date(Date.now() - 40 * 24 * HOUR).toISOString());
    const url = await bookingCalendarFeedUrl(db, PUBLIC_URL);
    const path = url.slice(PUBLIC_URL.length);
    const res = await t.app.inject({ method: 'GET', url: path });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/calendar/);
    assert.ok(!res.body.includes('meet.example'));
    const cal = new ICAL.Component(ICAL.parse(res.body));
    const events = cal.getAllSubcomponents('vevent').map((v) => ({
      uid: String(v.getFirstPropertyValue('uid')),
      status: String(v.getFirstPropertyValue('status')),
    }));
    const uid = (id: string) => `${id}@laden.example`;
    assert.ok(events.some((e) => e.uid === uid(kept.id) && e.status === 'CONFIRMED'));
    assert.ok(events.some((e) => e.uid === uid(gone.id) && e.status === 'CANCELLED'));
    assert.ok(!events.some((e) => e.uid === uid(held.id)));
    assert.ok(!events.some((e) => e.uid === uid(old.id)));
    await rotateBookingCalendarFeedToken(db);
    assert.equal((await t.app.inject({ method: 'GET', url: path })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/bookings/calendar/nope.ics' })).statusCode, 404);
  });
});
