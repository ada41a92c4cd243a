import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { calendarMethod } from './calendar.js';
import { queueEmail } from './queue-email.js';
import { parseMessage, type SmtpReceiver, startSmtpReceiver } from './testing-smtp.js';
import { smtpMailer } from './transport.js';

const INVITE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:ticket-1.session-1@laden.example',
  'SEQUENCE:2',
  'DTSTAMP:20261201T090000Z',
  'DTSTART:20261212T090000Z',
  'DTEND:20261212T110000Z',
  'SUMMARY:Sauerteig-Workshop',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('an email with a calendar invitation, over real SMTP', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  before(async () => {
    smtp = await startSmtpReceiver();
    t = await buildTestApp({ mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}?tls=off`) });
    await setUpStore(t.services, { locale: 'de' });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('the method is read from the iCalendar text', () => {
    assert.equal(calendarMethod(INVITE), 'REQUEST');
    assert.equal(calendarMethod(INVITE.replace('METHOD:REQUEST', 'METHOD:CANCEL')), 'CANCEL');
    assert.equal(calendarMethod('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'), 'PUBLISH');
  });

  test('stored with the email; a retried hand-over sends it as text/calendar with its method and as invite.ics', async () => {
    const { db } = t.services.database;
    const id = await queueEmail(db, {
      to: 'gast@example.com',
      locale: 'de',
      template: 'test-message',
      data: { storeName: 'Laden' },
      calendar: INVITE,
    });
    assert.ok(id);
    const row = await db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.calendar, INVITE);

    smtp.refuse = true; // the first hand-over fails; the retry sends what was stored
    assert.equal(await t.drainJobs(), 1);
    assert.equal(smtp.messages.length, 0);
    smtp.refuse = false;
    await db.updateTable('jobs').set({ run_at: isoNow() }).where('kind', '=', 'email.send').execute();
    assert.equal(await t.drainJobs(), 1);
    assert.equal(smtp.messages.length, 1);

    const mail = parseMessage(smtp.messages[0]!.raw);
    const calendar = mail.parts.find((p) => p.headers.get('content-type')?.startsWith('text/calendar'));
    assert.ok(calendar, 'a text/calendar part');
    assert.match(calendar.headers.get('content-type') ?? '', /method=REQUEST/);
    assert.equal(calendar.body, INVITE);
    const file = mail.parts.find((p) => p.headers.get('content-type')?.startsWith('application/ics'));
    assert.ok(file, 'an invite.ics attachment');
    assert.match(file.headers.get('content-disposition') ?? file.headers.get('content-type') ?? '', /invite\.ics/);
    assert.equal(file.body, INVITE);
    assert.ok(mail.parts.some((p) => p.headers.get('content-type')?.startsWith('text/html')));
  });

  test('the outbox shows that an email carries an invitation, and what it says', async () => {
    const { db } = t.services.database;
    const id = await queueEmail(db, {
      to: 'gast@example.com',
      locale: 'de',
      template: 'test-message',
      data: { storeName: 'Laden' },
      calendar: INVITE.replace('METHOD:REQUEST', 'METHOD:CANCEL'),
    });
    const plain = await queueEmail(db, {
      to: 'gast@example.com',
      locale: 'de',
      template: 'test-message',
      data: { storeName: 'Laden' },
    });
    const admin = new TestClient(t.app);
    assert.equal((await admin.login()).statusCode, 303);
    const res = await admin.get(`/admin/emails/${id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h2 id="email-calendar">Kalendereinladung<\/h2>/);
    assert.match(res.body, /invite\.ics[^<]*METHOD:CANCEL/);
    assert.match(res.body, /UID:ticket-1\.session-1@laden\.example/);
    assert.doesNotMatch((await admin.get(`/admin/emails/${plain}`)).body, /email-calendar/);
    await t.drainJobs();
  });

  test('an email without one has no calendar part', async () => {
    smtp.messages.length = 0;
    await queueEmail(t.services.database.db, {
      to: 'ohne@example.com',
      locale: 'de',
      template: 'test-message',
      data: { storeName: 'Laden' },
    });
    await t.drainJobs();
    const mail = parseMessage(smtp.messages[0]!.raw);
    assert.ok(!mail.parts.some((p) => /calendar|ics/.test(p.headers.get('content-type') ?? '')));
  });
});
