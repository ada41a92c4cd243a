import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { HttpClient } from '../../testing/http.js';
import { seedProduct } from './testing.js';

const EFFORT = '/admin/analytics/effort';

/** The ids a page's elements carry, and the ids its labels point at. */
function ids(html: string) {
  const all = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string);
  const dupes = all.filter((id, i) => all.indexOf(id) !== i);
  const labels = [...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1] as string);
  return { all, dupes, labels };
}

describe('effort records: real dates only, robust pages, unique ids, honest CSV report', () => {
  let t: TestApp;
  let c: HttpClient;
  let productId: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    productId = await seedProduct(t.services.database.db, { title: 'Dated Guide' });
    c = await HttpClient.listen(t.app);
    await c.login();
  });
  after(() => t.close());

  test('the effort, 1:1 and leave forms refuse days that do not exist: 400, the form again with the date marked', async () => {
    const { db } = t.services.database;
    const cases: [string, Record<string, string>, string][] = [
      [EFFORT, { productId, day: '2026-13-45', hours: '2', category: 'creation', note: 'typo' }, 'effort-day'],
      [EFFORT, { productId, day: '2026-02-31', hours: '2', category: 'creation', note: '' }, 'effort-day'],
      ['/admin/analytics/client-work', { day: '2026-02-31', hours: '1', amount: '80', note: 'call' }, 'client-day'],
      [
        '/admin/analytics/leave',
        { startDay: '2026-02-30', endDay: '2026-03-02', kind: 'holiday', note: '' },
        'leave-startDay',
      ],
    ];
    for (const [url, fields, field] of cases) {
      const r = await c.postForm(url, fields, { formPage: EFFORT });
      assert.equal(r.status, 400, `${url} ${JSON.stringify(fields)}`);
      assert.match(r.body, new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
      assert.match(r.body, /is not a date that exists/);
      assert.match(r.body, new RegExp(`value="${fields.day ?? fields.startDay}"`), 'what was typed is shown again');
    }
    const amount = await c.postForm(
      '/admin/analytics/client-work',
      { day: '2026-03-02', hours: '1', amount: '9,001', note: '' },
      { formPage: EFFORT },
    );
    assert.equal(amount.status, 400);
    assert.match(amount.body, /id="f-client-amount"[^>]*aria-invalid="true"/);
    assert.match(amount.body, /Is the comma a thousands separator or the decimal point\?/);
    assert.equal((await db.selectFrom('effort_entries').select('id').execute()).length, 0);
    assert.equal((await db.selectFrom('client_work').select('id').execute()).length, 0);
    assert.equal((await db.selectFrom('leave_periods').select('id').execute()).length, 0);

    const de = await c.postForm(
      EFFORT,
      { productId, day: '31.12.2026', hours: '1,5', category: 'update', note: '' },
      { formPage: EFFORT },
    );
    assert.equal(de.status, 303);
    const row = await db.selectFrom('effort_entries').select(['day', 'minutes']).executeTakeFirstOrThrow();
    assert.deepEqual(row, { day: '2026-12-31', minutes: 90 });
    await db.deleteFrom('effort_entries').execute();
  });

  test('a stored row with an impossible date does not break the dashboard or the effort page', async () => {
    const { db } = t.services.database;
    const now = new Date().toISOString();
    await db
      .insertInto('effort_entries')
      .values({
        id: randomUUID(),
        product_id: productId,
        day: '2026-13-45',
        minutes: 60,
        category: 'creation',
        note: 'old typo',
        created_at: now,
      })
      .execute();
    await db
      .insertInto('client_work')
      .values({
        id: randomUUID(),
        day: '2026-02-31',
        minutes: 60,
        amount_minor: 8000,
        currency: 'EUR',
        note: 'bad',
        created_at: now,
      })
      .execute();
    await db
      .insertInto('leave_periods')
      .values({
        id: randomUUID(),
        start_day: 'soon',
        end_day: '2026-99-01',
        kind: 'holiday',
        note: '',
        created_at: now,
      })
      .execute();
    for (const range of ['30', '90', '365', 'all']) {
      const page = await c.get(`/admin/analytics?range=${range}`);
      assert.equal(page.status, 200, `range ${range}`);
      assert.match(page.body, /3 records have a date that does not exist and are left out/);
    }
    const csv = await c.get('/admin/analytics/charts/leverage.csv?range=all');
    assert.equal(csv.status, 200);
    const effort = await c.get(EFFORT);
    assert.equal(effort.status, 200);
    assert.match(effort.body, /2026-13-45 <strong[^>]*>\(not a date\)<\/strong>/);
    assert.match(effort.body, /2026-02-31 <strong[^>]*>\(not a date\)<\/strong>/);
    await db.deleteFrom('effort_entries').execute();
    await db.deleteFrom('client_work').execute();
    await db.deleteFrom('leave_periods').execute();
  });

  test('the settings form sent back with a bad rate or time zone: 400, the fields marked, what was typed kept', async () => {
    const r = await c.postForm(
      '/admin/analytics/settings',
      { rate: '80,001', timeZone: 'Mars/Olympus', weekly: '1' },
      { formPage: EFFORT },
    );
    assert.equal(r.status, 400);
    assert.match(r.body, /id="f-settings-rate"[^>]*value="80,001"[^>]*aria-invalid="true"/);
    assert.match(r.body, /id="f-settings-timeZone"[^>]*value="Mars\/Olympus"[^>]*aria-invalid="true"/);
    assert.match(r.body, /Enter a time zone like Europe\/Berlin\./);
    const ok = await c.postForm(
      '/admin/analytics/settings',
      { rate: '80', timeZone: 'Europe/Vienna' },
      { formPage: EFFORT },
    );
    assert.equal(ok.status, 303);
    assert.match((await c.get(EFFORT)).body, /id="f-settings-timeZone"[^>]*value="Europe\/Vienna"/);
  });

  test('every field of the effort page has its own id, and each label points at its own input', async () => {
    const page = await c.get(EFFORT);
    const { dupes, labels, all } = ids(page.body);
    assert.deepEqual(dupes, []);
    for (const l of labels) assert.ok(all.includes(l), `label for ${l}`);
    for (const id of [
      'f-effort-day',
      'f-effort-hours',
      'f-client-day',
      'f-client-hours',
      'f-client-note',
      'f-leave-note',
    ])
      assert.ok(labels.includes(id), id);
  });

  test('the 1:1 CSV import counts what it imported and names each refused line with its number and reason', async () => {
    const { db } = t.services.database;
    const r = await c.postForm(
      '/admin/analytics/client-work/import',
      {
        csv: 'date;hours;amount;note\n2026-01-06;8;640,00;Workshop\n2026-02-31;2;100;Typo\n07.01.2026;1;80;"Call; follow-up"',
      },
      { formPage: EFFORT },
    );
    assert.equal(r.status, 303);
    const page = await c.get(r.location as string);
    assert.match(page.body, /2 entries imported\./);
    assert.match(
      page.body,
      /1 line not imported \(numbered as in the file, the header line counted\): line 3: the date is not a date that exists\./,
    );
    const rows = await db.selectFrom('client_work').select(['day', 'note']).orderBy('day').execute();
    assert.deepEqual(rows, [
      { day: '2026-01-06', note: 'Workshop' },
      { day: '2026-01-07', note: 'Call; follow-up' },
    ]);
    const noHeader = await c.postForm(
      '/admin/analytics/client-work/import',
      { csv: '32.01.2026,1,80,first line is no header\n2026-01-08,1,"80,00",comma file' },
      { formPage: EFFORT },
    );
    const second = await c.get(noHeader.location as string);
    assert.match(second.body, /1 entry imported\./);
    assert.match(second.body, /line 1: the date is not a date that exists\./);
  });
});
