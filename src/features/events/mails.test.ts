import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { enqueueJob } from '../../jobs/queue.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { type ParsedMessage, parseMessage, type SmtpReceiver, startSmtpReceiver } from '../email/testing-smtp.js';
import { smtpMailer } from '../email/transport.js';
import { eventReminderJob, eventTicketMailJob } from './job-contracts.js';
import { eventReminderHandler, eventSessionChangedHandler, eventTicketMailHandler } from './mail.jobs.js';
import { MEETING_URL, makeDue, type ParsedInvitation, readInvitation, seedEvent, seedTicket } from './mail-testing.js';
import { sendReminders, sendSessionChange, sendTicketMail } from './mails.js';
import { cancelSession, messageAttendees, moveSession } from './session-changes.js';

const PUBLIC_URL = 'https://laden.example';
const HOST = 'laden.example';

describe('events: invitations and emails, delivered over real SMTP', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  let drain: () => Promise<number>;
  /** Every message received in this suite, for the meeting-link check at the end. */
  const everything: ParsedMessage[] = [];

  before(async () => {
    smtp = await startSmtpReceiver();
    t = await buildTestApp({
      mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}?tls=off`),
      env: { PUBLIC_URL },
    });
    await setUpStore(t.services, { storeName: 'Backstube Berlin', locale: 'en' });
    await t.services.database.db
      .insertInto('settings')
      .values({ key: 'store.timezone', value: 'Europe/Berlin' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: 'Europe/Berlin' }))
      .execute();
    drain = t.drainJobs;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.messages.length = 0;
  });

  /** Runs the jobs and returns what arrived, parsed (kept for the final check too). */
  async function delivered(): Promise<ParsedMessage[]> {
    await drain();
    const mails = smtp.messages.map((m) => parseMessage(m.raw));
    everything.push(...mails);
    smtp.messages.length = 0;
    return mails;
  }

  function to(mail: ParsedMessage): string {
    return mail.headers.get('to') ?? '';
  }

  function invitationOf(mail: ParsedMessage): { contentType: string; ics: ParsedInvitation; raw: string } {
    const part = mail.parts.find((p) => p.headers.get('content-type')?.startsWith('text/calendar'));
    assert.ok(part, 'a text/calendar part');
    const file = mail.parts.find((p) => p.headers.get('content-type')?.startsWith('application/ics'));
    assert.ok(file, 'an invite.ics attachment');
    assert.equal(file.body, part.body, 'the attachment is the same invitation');
    return { contentType: part.headers.get('content-type') ?? '', ics: readInvitation(part.body), raw: part.body };
  }

  function textOf(mail: ParsedMessage): string {
    return mail.parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'))?.body ?? '';
  }

  async function sessionRow(id: string) {
    return t.services.database.db
      .selectFrom('event_sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  test('the ticket: one email in the attendee’s language with an invitation for each session (REQUEST, stable UID)', async () => {
    const { productId, sessionIds } = await seedEvent(t, { title: 'Sauerteig-Kurs', days: [3, 10] });
    const [s1, s2] = sessionIds as [string, string];
    const ticketId = await seedTicket(t, productId, [s1, s2], { email: 'ada@example.com', locale: 'de' });
    await enqueueJob(t.services.database.db, eventTicketMailJob, { ticketId, occasion: 'issued' });
    const mails = await delivered();
    assert.equal(mails.length, 1);
    const [mail] = mails as [ParsedMessage];
    assert.equal(to(mail), 'ada@example.com');
    assert.equal(mail.headers.get('subject'), 'Ihr Ticket: Sauerteig-Kurs');
    const text = textOf(mail);
    assert.match(text, /Ihr Ticket für „Sauerteig-Kurs“ ist bestätigt/);
    assert.match(text, /MEZ|MESZ|GMT\+1|GMT\+2/, 'times on the store’s clock, with the zone');
    assert.ok(text.includes(`${PUBLIC_URL}/events/tickets/${ticketId}`), 'the ticket page');

    const { contentType, ics } = invitationOf(mail);
    assert.match(contentType, /method=REQUEST/);
    assert.equal(ics.method, 'REQUEST');
    assert.deepEqual(
      ics.events.map((e) => e.uid),
      [`${ticketId}.${s1}@${HOST}`, `${ticketId}.${s2}@${HOST}`],
    );
    assert.deepEqual(
      ics.events.map((e) => e.sequence),
      [0, 0],
    );
    for (const [i, id] of [s1, s2].entries()) {
      const s = await sessionRow(id);
      assert.equal(ics.events[i]?.start, s.starts_at);
      assert.equal(ics.events[i]?.end, s.ends_at);
      assert.equal(ics.events[i]?.status, 'CONFIRMED');
      assert.equal(ics.events[i]?.location, `${PUBLIC_URL}/events/tickets/${ticketId}`, 'online: the ticket page');
    }
    assert.deepEqual(
      ics.organizer.map((o) => o.toLowerCase()),
      ['mailto:shop@localhost', 'mailto:shop@localhost'],
    );
    assert.deepEqual(
      ics.attendee.map((a) => a.toLowerCase()),
      ['mailto:ada@example.com', 'mailto:ada@example.com'],
    );

    // A rerun (a second job, the same job again, the function itself) sends nothing more.
    await enqueueJob(t.services.database.db, eventTicketMailJob, { ticketId, occasion: 'issued' });
    assert.equal(await sendTicketMail(t.services, ticketId, 'issued'), false);
    await eventTicketMailHandler.handle({ ticketId, occasion: 'issued' }, jobContext());
    assert.equal((await delivered()).length, 0);
  });

  test('on site: LOCATION is the venue on one line; the email says where', async () => {
    const { productId, sessionIds } = await seedEvent(t, {
      format: 'onsite',
      venue: 'Backstube\nLindenstraße 3\n10969 Berlin',
    });
    const ticketId = await seedTicket(t, productId, sessionIds, { email: 'grace@example.com' });
    await sendTicketMail(t.services, ticketId, 'issued');
    const [mail] = (await delivered()) as [ParsedMessage];
    assert.match(textOf(mail), /Where: Backstube, Lindenstraße 3, 10969 Berlin/);
    const { ics } = invitationOf(mail);
    assert.equal(ics.events[0]?.location, 'Backstube, Lindenstraße 3, 10969 Berlin');
  });

  test('a moved session: an update to every valid ticket with the same UID, a higher SEQUENCE and the new time', async () => {
    const { productId, sessionIds } = await seedEvent(t, { days: [4] });
    const [s] = sessionIds as [string];
    const a = await seedTicket(t, productId, [s], { email: 'a@example.com' });
    await seedTicket(t, productId, [s], { email: 'b@example.com', locale: 'de' });
    await seedTicket(t, productId, [s], { email: 'gone@example.com', status: 'cancelled' });
    await seedTicket(t, productId, [s], { email: 'held@example.com', status: 'held' });
    await sendTicketMail(t.services, a, 'issued');
    const [issued] = (await delivered()) as [ParsedMessage];
    const before = invitationOf(issued).ics.events[0];

    const start = new Date(Date.now() + 6 * 24 * 3600_000);
    start.setUTCSeconds(0, 0);
    const end = new Date(start.getTime() + 3 * 3600_000);
    assert.equal(await moveSession(t.services, s, start.toISOString(), end.toISOString(), 'owner@example.com'), 'ok');
    const mails = await delivered();
    assert.deepEqual(mails.map(to).sort(), ['a@example.com', 'b@example.com']);
    const forA = mails.find((m) => to(m) === 'a@example.com')!;
    assert.equal(forA.headers.get('subject'), 'New time: Sourdough Workshop');
    const { ics, contentType } = invitationOf(forA);
    assert.match(contentType, /method=REQUEST/);
    assert.equal(ics.method, 'REQUEST');
    assert.equal(ics.events[0]?.uid, before?.uid, 'the same calendar entry');
    assert.equal(ics.events[0]?.sequence, 1);
    assert.ok((ics.events[0]?.sequence ?? 0) > (before?.sequence ?? 0));
    assert.equal(ics.events[0]?.start, start.toISOString());
    assert.equal(ics.events[0]?.end, end.toISOString());
    assert.equal(
      mails.find((m) => to(m) === 'b@example.com')?.headers.get('subject'),
      'Neuer Termin: Sourdough Workshop',
    );

    // Moved again: sequence 2. The job of the first move, run again, finds a newer sequence and sends nothing.
    start.setUTCHours(start.getUTCHours() + 1);
    end.setUTCHours(end.getUTCHours() + 1);
    assert.equal(await moveSession(t.services, s, start.toISOString(), end.toISOString(), 'owner@example.com'), 'ok');
    const second = await delivered();
    assert.equal(second.length, 2);
    assert.equal(invitationOf(second[0]!).ics.events[0]?.sequence, 2);
    assert.equal(await sendSessionChange(t.services, { sessionId: s, sequence: 1 }), 0);
    assert.equal(await sendSessionChange(t.services, { sessionId: s, sequence: 2 }), 0, 'a rerun sends nothing twice');
    await eventSessionChangedHandler.handle({ sessionId: s, sequence: 2 }, jobContext());
    assert.equal((await delivered()).length, 0);

    // The reminders of the old times do nothing; those of the new time are scheduled.
    assert.equal(await sendReminders(t.services, { sessionId: s, sequence: 0, lead: '24h' }), 0);
    assert.equal(await sendReminders(t.services, { sessionId: s, sequence: 1, lead: '1h' }), 0);
    const keys = await t.services.database.db
      .selectFrom('jobs')
      .select('unique_key')
      .where('kind', '=', 'events.reminder')
      .where('unique_key', 'like', `event-reminder:${s}:2:%`)
      .execute();
    assert.equal(keys.length, 2);
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'event.session-moved')
      .execute();
    assert.equal(audit.filter((a) => a.detail.includes(s)).length, 2);
  });

  test('moving: the answers for a bad range, an unknown and a cancelled session', async () => {
    const { sessionIds } = await seedEvent(t, { days: [5] });
    const [s] = sessionIds as [string];
    const at = new Date(Date.now() + 9 * 24 * 3600_000).toISOString();
    assert.equal(await moveSession(t.services, s, at, at, 'owner@example.com'), 'invalid-range');
    assert.equal(await moveSession(t.services, s, 'morgen', at, 'owner@example.com'), 'invalid-range');
    const later = new Date(Date.parse(at) + 3600_000).toISOString();
    assert.equal(await moveSession(t.services, 'nope', at, later, 'owner@example.com'), 'not-found');
    assert.equal(await cancelSession(t.services, s, { refund: false }, 'owner@example.com'), 'ok');
    assert.equal(await moveSession(t.services, s, at, later, 'owner@example.com'), 'cancelled');
    assert.equal(await cancelSession(t.services, s, { refund: false }, 'owner@example.com'), 'already-cancelled');
    assert.equal(await cancelSession(t.services, 'nope', { refund: false }, 'owner@example.com'), 'not-found');
    await delivered();
  });

  test('a cancelled session: METHOD:CANCEL with STATUS:CANCELLED to every valid ticket; its reminders send nothing', async () => {
    const { productId, sessionIds } = await seedEvent(t, { days: [2, 9] });
    const [s1, s2] = sessionIds as [string, string];
    const one = await seedTicket(t, productId, [s1], { email: 'one@example.com', locale: 'de' });
    const all = await seedTicket(t, productId, [s1, s2], { email: 'all@example.com' });
    await seedTicket(t, productId, [s2], { email: 'other@example.com' });
    assert.equal(await cancelSession(t.services, s1, { refund: false }, 'owner@example.com'), 'ok');
    const mails = await delivered();
    assert.deepEqual(mails.map(to).sort(), ['all@example.com', 'one@example.com']);
    for (const mail of mails) {
      const { ics, contentType } = invitationOf(mail);
      assert.match(contentType, /method=CANCEL/);
      assert.equal(ics.method, 'CANCEL');
      assert.equal(ics.events.length, 1);
      assert.equal(ics.events[0]?.status, 'CANCELLED');
      assert.equal(ics.events[0]?.sequence, 1);
      const ticket = to(mail) === 'one@example.com' ? one : all;
      assert.equal(ics.events[0]?.uid, `${ticket}.${s1}@${HOST}`);
    }
    assert.match(
      mails.find((m) => to(m) === 'one@example.com')?.headers.get('subject') ?? '',
      /^Abgesagt: Sourdough Workshop am /,
    );

    // The reminders scheduled with the session (sequence 0), run now, and any of the new sequence send nothing.
    await makeDue(t, `event-reminder:${s1}:`);
    assert.equal((await delivered()).length, 0);
    assert.equal(await sendReminders(t.services, { sessionId: s1, sequence: 1, lead: '24h' }), 0);
    assert.equal(await sendSessionChange(t.services, { sessionId: s1, sequence: 1 }), 0, 'a rerun sends nothing twice');
  });

  test('reminders: 24 h and 1 h before, to each valid ticket once; a rerun sends nothing', async () => {
    const { productId, sessionIds } = await seedEvent(t, { title: 'Brot backen', days: [2] });
    const [s] = sessionIds as [string];
    await seedTicket(t, productId, [s], { email: 'r1@example.com' });
    await seedTicket(t, productId, [s], { email: 'r2@example.com', locale: 'de' });
    await seedTicket(t, productId, [s], { email: 'r3@example.com', status: 'released' });
    const jobs = await t.services.database.db
      .selectFrom('jobs')
      .select(['id', 'payload', 'unique_key'])
      .where('unique_key', 'in', [`event-reminder:${s}:0:24h`, `event-reminder:${s}:0:1h`])
      .execute();
    assert.equal(jobs.length, 2, 'scheduled with the session');
    await makeDue(t, `event-reminder:${s}:`);
    const reminders = await delivered();
    assert.equal(reminders.length, 4);
    assert.deepEqual(reminders.map((m) => m.headers.get('subject')).sort(), [
      'In einer Stunde: Brot backen',
      'In one hour: Brot backen',
      'Morgen: Brot backen',
      'Tomorrow: Brot backen',
    ]);
    for (const m of reminders) assert.ok(textOf(m).includes(`${PUBLIC_URL}/events/tickets/`));

    assert.equal(await sendReminders(t.services, { sessionId: s, sequence: 0, lead: '24h' }), 0);
    await eventReminderHandler.handle({ sessionId: s, sequence: 0, lead: '1h' }, jobContext());
    await enqueueJob(t.services.database.db, eventReminderJob, { sessionId: s, sequence: 0, lead: '24h' });
    assert.equal((await delivered()).length, 0);
  });

  test('a reminder after the start is not sent late', async () => {
    const { productId, sessionIds } = await seedEvent(t, { days: [1] });
    const [s] = sessionIds as [string];
    await seedTicket(t, productId, [s], { email: 'late@example.com' });
    const afterStart = new Date(Date.parse((await sessionRow(s)).starts_at) + 60_000);
    assert.equal(await sendReminders(t.services, { sessionId: s, sequence: 0, lead: '1h' }, afterStart), 0);
  });

  test('a ticket that ended: METHOD:CANCEL for each of its sessions; the sold-out email; each once', async () => {
    const { productId, sessionIds } = await seedEvent(t, { days: [3, 4] });
    const ended = await seedTicket(t, productId, sessionIds, { email: 'ended@example.com', status: 'cancelled' });
    await enqueueJob(t.services.database.db, eventTicketMailJob, { ticketId: ended, occasion: 'cancelled' });
    // 'issued' for a ticket that is no longer valid sends nothing.
    await enqueueJob(t.services.database.db, eventTicketMailJob, { ticketId: ended, occasion: 'issued' });
    const [mail, ...rest] = await delivered();
    assert.equal(rest.length, 0);
    assert.ok(mail);
    assert.equal(mail.headers.get('subject'), 'Your ticket for Sourdough Workshop has been cancelled');
    const { ics } = invitationOf(mail);
    assert.equal(ics.method, 'CANCEL');
    assert.deepEqual(
      ics.events.map((e) => [e.uid, e.status]),
      sessionIds.map((s) => [`${ended}.${s}@${HOST}`, 'CANCELLED']),
    );
    assert.equal(await sendTicketMail(t.services, ended, 'cancelled'), false);

    const { db } = t.services.database;
    const late = await seedTicket(t, productId, [], { email: 'late@example.com', locale: 'de', status: 'sold_out' });
    await db
      .updateTable('event_tickets')
      .set({ session_id: sessionIds[0] ?? null })
      .where('id', '=', late)
      .execute();
    await enqueueJob(db, eventTicketMailJob, { ticketId: late, occasion: 'sold-out' });
    await enqueueJob(db, eventTicketMailJob, { ticketId: late, occasion: 'sold-out' });
    const soldOut = await delivered();
    assert.equal(soldOut.length, 1);
    assert.equal(
      soldOut[0]?.headers.get('subject'),
      'Ausverkauft: Ihre Zahlung für Sourdough Workshop wurde erstattet',
    );
    assert.match(textOf(soldOut[0]!), /vollen Betrag erstattet/);
    assert.ok(!soldOut[0]!.parts.some((p) => /calendar|ics/.test(p.headers.get('content-type') ?? '')));
  });

  test('a ticket ended and restored (a dispute won) is announced again, each change once', async () => {
    const { productId, sessionIds } = await seedEvent(t, { days: [6] });
    const ticketId = await seedTicket(t, productId, sessionIds, { email: 'dispute@example.com' });
    const { db } = t.services.database;
    const setStatus = (status: 'valid' | 'cancelled', at: string) =>
      db.updateTable('event_tickets').set({ status, updated_at: at }).where('id', '=', ticketId).execute();
    assert.equal(await sendTicketMail(t.services, ticketId, 'issued'), true);
    await setStatus('cancelled', '2026-12-01T10:00:00.000Z');
    assert.equal(await sendTicketMail(t.services, ticketId, 'cancelled'), true);
    await setStatus('valid', '2026-12-02T10:00:00.000Z');
    assert.equal(await sendTicketMail(t.services, ticketId, 'issued'), true);
    assert.equal(await sendTicketMail(t.services, ticketId, 'issued'), false);
    assert.equal(await sendTicketMail(t.services, ticketId, 'cancelled'), false, 'not cancelled now');
    const mails = await delivered();
    assert.deepEqual(
      mails.map((m) => invitationOf(m).ics.method),
      ['REQUEST', 'CANCEL', 'REQUEST'],
    );
  });

  test('a message to the attendees: once per person, of a session or of the whole event', async () => {
    const { productId, sessionIds } = await seedEvent(t, { days: [3, 5] });
    const [s1, s2] = sessionIds as [string, string];
    await seedTicket(t, productId, [s1], { email: 'twice@example.com' });
    await seedTicket(t, productId, [s2], { email: 'twice@example.com' });
    await seedTicket(t, productId, [s2], { email: 'second@example.com', locale: 'de' });
    await seedTicket(t, productId, [s1], { email: 'refunded@example.com', status: 'cancelled' });
    const input = {
      productId,
      subject: 'Bitte Schürze mitbringen',
      body: 'Hallo!\n\nBitte bringen Sie eine Schürze mit.',
    };
    assert.equal(await messageAttendees(t.services, { ...input, sessionId: null }, 'owner@example.com'), 2);
    const all = await delivered();
    assert.deepEqual(all.map(to).sort(), ['second@example.com', 'twice@example.com']);
    assert.equal(all[0]?.headers.get('subject'), 'Bitte Schürze mitbringen');
    assert.match(textOf(all[0]!), /Bitte bringen Sie eine Schürze mit\./);

    assert.equal(await messageAttendees(t.services, { ...input, sessionId: s1 }, 'owner@example.com'), 1);
    assert.deepEqual((await delivered()).map(to), ['twice@example.com']);
    assert.equal(await messageAttendees(t.services, { ...input, body: '  ', sessionId: null }, 'owner@example.com'), 0);
  });

  test('the meeting link is in no email (HTML, text) and no invitation the feature sent', async () => {
    assert.ok(everything.length >= 15, `many emails checked (${everything.length})`);
    for (const mail of everything) {
      for (const part of mail.parts)
        assert.ok(!part.body.includes('meet.example'), `not in ${mail.headers.get('subject')}`);
    }
    const rows = await t.services.database.db
      .selectFrom('emails')
      .select(['html', 'text', 'calendar', 'subject'])
      .execute();
    assert.ok(rows.some((r) => r.calendar));
    for (const r of rows) {
      for (const v of [r.html, r.text, r.calendar ?? '', r.subject]) {
        assert.ok(!v.includes(MEETING_URL) && !v.includes('meet.example'), r.subject);
      }
    }
  });

  function jobContext() {
    return {
      db: t.services.database.db,
      services: t.services,
      log: t.services.log,
      job: {} as never,
      signal: new AbortController().signal,
    };
  }
});
