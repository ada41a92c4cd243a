import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { loadMembershipFigures } from '../analytics/membership-figures.js';
import { postMultipart } from '../catalog/testing.js';
import { parseMemberCsv } from './members-csv.js';
import { findSubscription } from './subscriptions.js';
import { seedTier, subscribeAndPay } from './testing.js';

/** 10,000 data rows; every 97th is broken in one of several ways. */
function bigCsv() {
  const lines = ['email,name,tier,consent given at,consent text version,ip'];
  const broken: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const line = i + 2;
    if (i % 97 === 0) {
      broken.push(line);
      const kind = (i / 97) % 5;
      if (kind === 0) lines.push(`not-an-email-${i},Bad,,2026-01-01T10:00:00Z,v1,`);
      // Text after a closing quote: kept as the field's text, which is no email address.
      else if (kind === 1) lines.push(`"broken${i}@example.com"x,Quote,,2026-01-01T10:00:00Z,v1,`);
      else if (kind === 2) lines.push(`date${i}@example.com,Date,,yesterday-ish,v1,`);
      else if (kind === 3) lines.push(`ip${i}@example.com,IP,,2026-01-01T10:00:00Z,v1,999.1.1.1`);
      else lines.push(`tier${i}@example.com,Tier,Gold,2026-01-01T10:00:00Z,v1,`);
      continue;
    }
    const consent = i % 2 === 0 ? '2026-03-01T08:30:00Z' : '';
    lines.push(
      `Reader${i}@Example.com,"Reader, No. ${i}",${i % 3 === 0 ? 'Free' : ''},${consent},nl-2026-01,192.0.2.${i % 250}`,
    );
  }
  return { text: `${lines.join('\n')}\n`, broken };
}

describe('admin: members, CSV import and export, dashboard figures', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await seedTier(t.services, { name: 'Free', free: true });
    await seedTier(t.services, { name: 'Reader', monthly: 500, yearly: 6000 });
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  test('CSV reading: quoted commas and line breaks, BOM, header spellings; broken records are reported with their line', async () => {
    const r = await parseMemberCsv('\uFEFFE-Mail;x\n');
    assert.deepEqual(r, { ok: false, error: 'no-email-column' });
    const ok = await parseMemberCsv(
      'Email,Name,IP\n"a@example.com","Doe, Jane",2001:db8::1\n\n"b@example.com","Line one\nline two"\n' +
        '"c@example.com"x,C\nd@example.com,D,999.1.1.1\ne@example.com,E,\n"f@example.com,never closed\ng@example.com,G\n',
    );
    assert.ok(ok.ok);
    assert.deepEqual(
      ok.rows.map((r) => [r.line, r.email, r.name, r.ip]),
      [
        [2, 'a@example.com', 'Doe, Jane', '2001:db8::1'],
        [4, 'b@example.com', 'Line one\nline two', null],
        [8, 'e@example.com', 'E', null],
      ],
    );
    assert.deepEqual(ok.skipped, [
      { line: 6, reason: 'malformed-email', value: '"c@example.com"x' },
      { line: 7, reason: 'bad-ip', value: '999.1.1.1' },
      // An unclosed quote runs to the end of the file: the record it starts is reported.
      { line: 9, reason: 'unreadable' },
    ]);
    assert.deepEqual(await parseMemberCsv(''), { ok: false, error: 'empty' });
  });

  test('importing 10,000 rows with broken ones imports the rest and reports each skipped line', async () => {
    const { text, broken } = bigCsv();
    const started = Date.now();
    const res = await postMultipart(
      t.app,
      admin,
      '/admin/members/import',
      [{ name: 'file', filename: 'members.csv', content: Buffer.from(text), type: 'text/csv' }],
      '/admin/members',
    );
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const expected = 10_000 - broken.length;
    assert.match(res.body, new RegExp(`${expected} members imported, ${broken.length} rows skipped`));
    for (const line of broken.slice(0, 5)) assert.match(res.body, new RegExp(`Line ${line}:`));
    assert.match(res.body, /malformed email address &quot;not-an-email-0&quot;/);
    assert.match(res.body, /unknown tier &quot;Gold&quot;/);
    assert.ok(Date.now() - started < 60_000, 'a 10,000-row import takes well under a minute');
    const count = await db()
      .selectFrom('members')
      .select(sql<number>`count(*)`.as('n'))
      .where('source', '=', 'import')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), expected);
    const withConsent = await db()
      .selectFrom('members')
      .innerJoin('member_consents', 'member_consents.member_id', 'members.id')
      .select([
        'members.email',
        'members.email_status',
        'member_consents.ip',
        'member_consents.text_version',
        'member_consents.given_at',
      ])
      .where('members.email', '=', 'reader2@example.com')
      .executeTakeFirstOrThrow();
    assert.deepEqual(withConsent, {
      email: 'reader2@example.com',
      email_status: 'subscribed',
      ip: '192.0.2.2',
      text_version: 'nl-2026-01',
      given_at: '2026-03-01T08:30:00.000Z',
    });
    const pending = await db()
      .selectFrom('members')
      .select(['email_status', 'confirmed_at', 'name'])
      .where('email', '=', 'reader1@example.com')
      .executeTakeFirstOrThrow();
    assert.deepEqual(pending, { email_status: 'pending', confirmed_at: null, name: 'Reader, No. 1' });

    // The same file again: nothing new, every row reported as already a member.
    const again = await postMultipart(
      t.app,
      admin,
      '/admin/members/import',
      [{ name: 'file', filename: 'members.csv', content: Buffer.from(text), type: 'text/csv' }],
      '/admin/members',
    );
    assert.match(again.body, /0 members imported, 10000 rows skipped/);

    const bad = await postMultipart(
      t.app,
      admin,
      '/admin/members/import',
      [{ name: 'file', filename: 'x.csv', content: Buffer.from('name\nx\n') }],
      '/admin/members',
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /one of them &quot;email&quot;/);
    const none = await postMultipart(t.app, admin, '/admin/members/import', [], '/admin/members');
    assert.equal(none.statusCode, 400);
  });

  test('filters, pagination, detail, CSV export with consent data; only for admins', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, { tier: 'reader', email: 'paying@example.com' });
    const reader = await db()
      .selectFrom('membership_tiers')
      .select('id')
      .where('slug', '=', 'reader')
      .executeTakeFirstOrThrow();

    const byTier = await admin.get(`/admin/members?tier=${reader.id}`);
    assert.match(byTier.body, /paying@example.com/);
    assert.doesNotMatch(byTier.body, /reader2@example.com/);
    const active = await admin.get('/admin/members?status=active');
    assert.match(active.body, /paying@example.com/);
    const subscribed = await admin.get('/admin/members?email=subscribed&q=reader4@');
    assert.ok(subscribed.body.includes('>reader4@example.com<'), 'even rows carry a consent: subscribed');
    const pendingOnly = await admin.get('/admin/members?email=subscribed&q=reader41@');
    assert.match(pendingOnly.body, /No members match/, 'odd rows have no consent: pending');
    assert.ok((await admin.get('/admin/members?email=pending&q=reader41@')).body.includes('>reader41@example.com<'));
    const range = await admin.get('/admin/members?from=2000-01-01&to=2000-12-31');
    assert.match(range.body, /No members match/);
    const page2 = await admin.get('/admin/members?page=2');
    assert.match(page2.body, /Page 2/);
    assert.match(page2.body, /href="\/admin\/members\?page=3"/);
    const odd = await admin.get('/admin/members?status=bogus&from=notadate&page=-4');
    assert.equal(odd.statusCode, 200);

    const detail = await admin.get(`/admin/members/${sub.member_id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /Reader/);
    assert.equal((await admin.get('/admin/members/00000000-0000-4000-8000-000000000000')).statusCode, 404);

    const csv = await admin.get('/admin/members/export.csv?email=subscribed&q=reader2');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(
      lines[0],
      'email,name,email_status,source,signed_up_at,confirmed_at,subscriptions,consent_purpose,consent_given_at,consent_confirmed_at,consent_ip,consent_text_version,consent_text',
    );
    const row = lines.find((l) => l.startsWith('reader2@example.com,'));
    assert.ok(row);
    assert.match(row, /"Reader, No\. 2",subscribed,import,/);
    assert.match(row, /2026-03-01T08:30:00\.000Z,2026-03-01T08:30:00\.000Z,192\.0\.2\.2,nl-2026-01,/);

    const stranger = new TestClient(t.app);
    assert.equal((await stranger.get('/admin/members')).statusCode, 303);
    assert.equal((await stranger.get('/admin/members/export.csv')).statusCode, 303);
  });

  test('dashboard: MRR (yearly as twelfths), paid and free members, churn of the last 30 days; end now', async () => {
    const c = new TestClient(t.app);
    const yearly = await subscribeAndPay(t, c, { tier: 'reader', interval: 'year', email: 'yearly@example.com' });
    const before = await loadMembershipFigures(db(), 'EUR', new Date());
    // paying@example.com (500/month) + yearly (6000/year = 500/month).
    assert.equal(before.mrrMinor, 1000);
    assert.equal(before.activePaid, 2);
    assert.ok(before.freeMembers > 4000);
    const page = await admin.get('/admin');
    assert.match(page.body, /Monthly recurring revenue/);
    assert.match(page.body, /€10\.00/);

    const ended = await admin.postForm(
      `/admin/members/${yearly.member_id}/subscriptions/${yearly.id}/end`,
      {},
      { formPage: `/admin/members/${yearly.member_id}` },
    );
    assert.equal(ended.statusCode, 303);
    assert.equal((await findSubscription(db(), yearly.id))!.status, 'expired');
    const after = await loadMembershipFigures(db(), 'EUR', new Date());
    assert.equal(after.mrrMinor, 500);
    assert.equal(after.activePaid, 1);
    assert.equal(after.churned30d, 1);
    assert.equal(after.churnRatePermille, 500);
  });
});
