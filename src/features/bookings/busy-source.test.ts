import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { clearBusyCache, icsBusySource } from './busy-source.js';

/** A feed as a calendar app exports it: a weekly series with one moved and one cancelled week, an all-day event, a free one. */
const FEED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//Busy//EN',
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:weekly@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Berlin:20260309T100000',
  'DTEND;TZID=Europe/Berlin:20260309T113000',
  'RRULE:FREQ=WEEKLY;BYDAY=MO',
  'EXDATE;TZID=Europe/Berlin:20260330T100000',
  'SUMMARY:Team call',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:weekly@test',
  'DTSTAMP:20260101T000000Z',
  'RECURRENCE-ID;TZID=Europe/Berlin:20260323T100000',
  'DTSTART;TZID=Europe/Berlin:20260324T150000',
  'DTEND;TZID=Europe/Berlin:20260324T160000',
  'SUMMARY:Team call (moved)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:allday@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260318',
  'DTEND;VALUE=DATE:20260319',
  'SUMMARY:Conference',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:free@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20260317T120000Z',
  'DTEND:20260317T130000Z',
  'TRANSP:TRANSPARENT',
  'SUMMARY:Lunch (free)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:outlook@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=W. Europe Standard Time:20260319T090000',
  'DTEND;TZID=W. Europe Standard Time:20260319T093000',
  'SUMMARY:Dentist',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('busy times from an iCalendar address', () => {
  let server: Server;
  let base: string;
  let hits = 0;
  let body = FEED;
  let status = 200;

  before(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/slow') return; // never answers
      res.writeHead(status, { 'content-type': 'text/calendar' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    clearBusyCache();
    hits = 0;
    body = FEED;
    status = 200;
  });

  const warnings: string[] = [];
  const log = { warn: (_: object, msg: string) => void warnings.push(msg) };
  const source = (path = '/cal.ics', extra = {}) =>
    icsBusySource({ url: `${base}${path}`, timeZone: 'Europe/Berlin', log, ...extra });

  test('expands the weekly series in the range (with its moved and skipped weeks), the all-day event, not the free one', async () => {
    const busy = await source().busy('2026-03-16T00:00:00Z', '2026-04-07T00:00:00Z');
    const sorted = [...busy].sort((a, b) => a.start.localeCompare(b.start));
    assert.deepEqual(sorted, [
      { start: '2026-03-16T09:00:00.000Z', end: '2026-03-16T10:30:00.000Z' }, // Monday 10:00 CET
      { start: '2026-03-17T23:00:00.000Z', end: '2026-03-18T23:00:00.000Z' }, // all day 18 March, store clock
      { start: '2026-03-19T08:00:00.000Z', end: '2026-03-19T08:30:00.000Z' }, // the calendar's own VTIMEZONE
      { start: '2026-03-24T14:00:00.000Z', end: '2026-03-24T15:00:00.000Z' }, // 23 March moved to Tuesday 15:00
      // 30 March is excluded; 6 April is summer time.
      { start: '2026-04-06T08:00:00.000Z', end: '2026-04-06T09:30:00.000Z' },
    ]);
  });

  test('the feed is read once per five minutes', async () => {
    let now = Date.parse('2026-03-16T00:00:00Z');
    const s = source('/cal.ics', { now: () => now });
    await s.busy('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z');
    now += 4 * 60_000;
    await s.busy('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z');
    assert.equal(hits, 1);
    now += 2 * 60_000;
    await s.busy('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z');
    assert.equal(hits, 2);
  });

  test('a calendar that fails, times out or is no calendar counts as no busy time and is logged', async () => {
    warnings.length = 0;
    status = 404;
    assert.deepEqual(await source('/gone.ics').busy('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z'), []);
    status = 200;
    body = 'this is not a calendar';
    assert.deepEqual(await source('/junk.ics').busy('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z'), []);
    const started = Date.now();
    assert.deepEqual(
      await source('/slow', { timeoutMs: 200 }).busy('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z'),
      [],
    );
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(
      await icsBusySource({ url: 'http://127.0.0.1:1/none', timeZone: 'UTC', log }).busy(
        '2026-03-16T00:00:00Z',
        '2026-03-17T00:00:00Z',
      ),
      [],
    );
    assert.equal(warnings.length, 4);
  });
});
