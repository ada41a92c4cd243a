import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../testing/app.js';
import { balances } from '../affiliates/ledger.js';
import { earnedOf, loadAnalytics } from '../analytics/dashboard-data.js';
import { addDays } from '../analytics/time-zone.js';
import { sendUnlockEmails } from '../courses/unlock-emails.js';
import { demoContentOf } from '../index.js';
import { readImpressum } from '../legal/impressum.js';
import { loadTaxSettings } from '../tax/tax-settings.js';
import type { DemoHistoryResult } from './demo-history.js';
import { setUpDemoStore } from './demo-store.js';

const NOW = new Date('2026-11-20T15:00:00Z');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** What a history wrote, by table, to compare two stores (ids and keys are random, counts and sums are not). */
async function fingerprint(t: TestApp) {
  const { db } = t.services.database;
  const counts: Record<string, number> = {};
  for (const table of [
    'orders',
    'order_items',
    'customers',
    'members',
    'subscriptions',
    'subscription_payments',
    'license_keys',
    'course_enrolments',
    'lesson_progress',
    'course_unlock_emails',
    'course_quiz_attempts',
    'effort_entries',
    'client_work',
    'daily_sales',
    'daily_views',
    'post_deliveries',
  ] as const) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(r.n);
  }
  const money = await sql<{ total: number; tax: number; refunded: number }>`
    SELECT SUM(total_minor) AS total, SUM(tax_minor) AS tax, SUM(refunded_minor) AS refunded FROM orders`.execute(db);
  const row = money.rows[0];
  return { counts, total: Number(row?.total), tax: Number(row?.tax), refunded: Number(row?.refunded) };
}

describe('the demo store’s year of history', () => {
  let t: TestApp;
  let history: DemoHistoryResult;
  before(async () => {
    t = await buildTestApp();
    history = (await setUpDemoStore(t.services, { content: demoContentOf(), now: NOW })).history;
  });
  after(() => t.close());

  test('the leverage dashboard has 1:n and 1:1 income and hours over the last 12 months', async (c) => {
    c.diagnostic(`demo history: ${history.orders} orders written and recounted in ${history.ms} ms`);
    assert.equal(history.added, true);
    const data = await loadAnalytics(t.services.database.db, { currency: 'EUR', range: '365', now: NOW });
    const sales = data.sales.filter((d) => d.day >= data.from);
    assert.ok(sum(sales.map(earnedOf)) > 0, '1:n income');
    assert.ok(sum(data.clientWork.filter((w) => w.day >= data.from).map((w) => w.amount)) > 0, '1:1 income');
    assert.ok(sum(data.productWork.filter((w) => w.day >= data.from).map((w) => w.minutes)) > 0, 'product hours');
    assert.ok(sum(data.clientWork.filter((w) => w.day >= data.from).map((w) => w.minutes)) > 0, 'client hours');
    assert.ok(data.hourlyRateMinor > 0, 'the 1:1 rate to compare with');
    for (const p of data.products) assert.ok(p.minutes > 0, `hours recorded on ${p.title}`);
    const paid = data.products.filter((p) => p.gross > 0);
    assert.equal(paid.length, 5, 'e-book, bundle, plugin, the membership and the course sold');
    assert.ok(data.memberships && data.memberships.flows.length > 0, 'subscriptions in the MRR history');
    assert.ok(data.countries.length >= 5, 'sales from several countries');
  });

  test('the story: sales go on through a holiday without hours, and 1:n income grows while the hours fade', async () => {
    const data = await loadAnalytics(t.services.database.db, { currency: 'EUR', range: 'all', now: NOW });
    const [holiday] = data.leave;
    assert.ok(holiday && holiday.kind === 'holiday');
    const inHoliday = (day: string) => day >= holiday.startDay && day <= holiday.endDay;
    assert.equal([...data.productWork, ...data.clientWork].filter((w) => inHoliday(w.day)).length, 0);
    assert.ok(sum(data.sales.filter((d) => inHoliday(d.day)).map((d) => d.orders)) > 10, 'orders during the holiday');

    const quarter = (from: number, to: number) => (day: string) =>
      day > addDays(data.today, -from) && day <= addDays(data.today, -to);
    const lastQuarter = quarter(91, 0);
    const quarterBefore = quarter(182, 91);
    const firstHalf = (day: string) => day <= addDays(data.today, -182);
    const earned = (inRange: (d: string) => boolean) => sum(data.sales.filter((d) => inRange(d.day)).map(earnedOf));
    const hours = (inRange: (d: string) => boolean) =>
      sum(data.productWork.filter((w) => inRange(w.day)).map((w) => w.minutes));
    assert.ok(earned(lastQuarter) > earned(quarterBefore), '1:n income still rising');
    assert.ok(hours(lastQuarter) * 4 < hours(firstHalf), 'product hours have almost stopped');
  });

  test('orders of every kind, VAT as checkout decides it, refunds, members and a sent newsletter', async () => {
    const { db } = t.services.database;
    const byCountry = await db
      .selectFrom('orders')
      .select(['billing_country', 'tax_scheme', 'tax_country', 'tax_rate_bp'])
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('tax_minor').as('tax')])
      .where('total_minor', '>', 0)
      .groupBy(['billing_country', 'tax_scheme', 'tax_country', 'tax_rate_bp'])
      .execute();
    const of = (country: string) => byCountry.filter((r) => r.billing_country === country);
    // The OSS option is on in the sample settings: each EU consumer pays their own country's VAT.
    assert.deepEqual(
      of('DE').map((r) => [r.tax_scheme, r.tax_rate_bp]),
      [['domestic', 1900]],
    );
    assert.deepEqual(
      of('AT').map((r) => [r.tax_scheme, r.tax_country, r.tax_rate_bp]),
      [['oss', 'AT', 2000]],
    );
    for (const country of ['CH', 'US']) {
      assert.deepEqual(
        of(country).map((r) => [r.tax_scheme, Number(r.tax)]),
        [['non_eu', 0]],
      );
    }

    const statuses = await db
      .selectFrom('orders')
      .select(['status', 'provider'])
      .select((eb) => [eb.fn.countAll<number>().as('n')])
      .groupBy(['status', 'provider'])
      .execute();
    assert.ok(statuses.some((s) => s.status === 'refunded'));
    assert.ok(
      statuses.some((s) => s.provider === 'free' && Number(s.n) > 50),
      'free downloads of the checklist',
    );
    const partial = await db
      .selectFrom('orders')
      .select('id')
      .where('status', '=', 'paid')
      .where('refunded_minor', '>', 0)
      .execute();
    assert.ok(partial.length > 0, 'a partial refund');
    const revoked = await db
      .selectFrom('deliveries as d')
      .innerJoin('orders as o', 'o.id', 'd.order_id')
      .select(['o.status', 'd.revoked_at'])
      .where('o.status', '=', 'refunded')
      .execute();
    assert.ok(revoked.length > 0 && revoked.every((r) => r.revoked_at !== null), 'a refund ends access');
    const keys = await db.selectFrom('license_keys').select(['disabled_reason']).execute();
    assert.ok(keys.length > 20, 'licence keys of the plugin');

    const subs = await db.selectFrom('subscriptions').select(['status', 'cancel_at_period_end', 'interval']).execute();
    assert.ok(subs.some((s) => s.status === 'active' && s.cancel_at_period_end === 0));
    assert.ok(subs.some((s) => s.status === 'expired'));
    assert.ok(subs.some((s) => s.interval === 'year'));
    const free = await db.selectFrom('members').select('id').where('source', '=', 'signup').execute();
    assert.ok(free.length > 50, 'free members');
    const renewals = await db.selectFrom('jobs').select('id').where('kind', '=', 'membership.renew').execute();
    assert.ok(renewals.length > 0, 'live subscriptions renew');

    const sends = await db.selectFrom('post_sends').select(['status', 'recipients']).execute();
    assert.equal(sends.length, 2);
    assert.ok(sends.every((s) => s.status === 'done' && s.recipients > 0));
    assert.equal(history.newsletterRecipients, sum(sends.map((s) => s.recipients)));

    assert.match((await readImpressum(db)).name, /SAMPLE DATA/);
    assert.match((await loadTaxSettings(db))?.businessName ?? '', /SAMPLE/);
  });

  test('the course: recorded before the holiday, launched after it, its buyers enrolled and part-way through', async () => {
    const { db } = t.services.database;
    const data = await loadAnalytics(db, { currency: 'EUR', range: 'all', now: NOW });
    const course = data.products.find((p) => p.kind === 'course');
    assert.ok(course && course.gross > 0 && course.minutes > 0, 'the course sold and took hours');
    const [holiday] = data.leave;
    assert.ok(holiday);
    const product = await db
      .selectFrom('products')
      .select(['id', 'published_at'])
      .where('slug', '=', 'garden-design-course')
      .executeTakeFirstOrThrow();
    const hours = await db
      .selectFrom('effort_entries')
      .select(['day', 'category'])
      .where('product_id', '=', product.id)
      .execute();
    const creation = hours.filter((h) => h.category === 'creation');
    assert.ok(creation.length > 5 && creation.every((h) => h.day < holiday.startDay), 'recorded before the holiday');
    assert.ok(
      hours.some((h) => h.category === 'support'),
      'a few hours of support',
    );
    assert.equal(product.published_at?.slice(0, 10), addDays(holiday.endDay, 1), 'launched the day after the holiday');

    const orders = await db
      .selectFrom('orders as o')
      .innerJoin('order_items as i', 'i.order_id', 'o.id')
      .leftJoin('course_enrolments as e', 'e.order_id', 'o.id')
      .select(['o.id', 'o.email', 'o.status', 'o.refunded_at', 'o.paid_at', 'e.email as student', 'e.source'])
      .select(['e.enrolled_at', 'e.revoked_at', 'e.product_id'])
      .where('i.product_id', '=', product.id)
      .execute();
    assert.equal(history.students, orders.length);
    assert.ok(orders.length > 50, 'the course keeps selling');
    for (const o of orders) {
      assert.equal(o.student, o.email.toLowerCase(), 'every order enrolled its buyer');
      assert.equal(o.source, 'order');
      assert.equal(o.product_id, product.id);
      assert.ok(o.enrolled_at && o.paid_at && o.enrolled_at >= o.paid_at);
      assert.equal(o.revoked_at, o.status === 'refunded' ? o.refunded_at : null, 'a refund ends access');
    }
    assert.ok(orders.some((o) => o.status === 'refunded'));

    const students = await db
      .selectFrom('course_enrolments as e')
      .select(['e.id', 'e.enrolled_at', 'e.first_access_at', 'e.completed_at', 'e.revoked_at'])
      .select((eb) =>
        eb
          .selectFrom('lesson_progress as p')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('p.enrolment_id', '=', 'e.id')
          .where('p.completed_at', 'is not', null)
          .as('done'),
      )
      .execute();
    const lessons = await db
      .selectFrom('course_lessons')
      .select('id')
      .where('product_id', '=', product.id)
      .where('status', '=', 'published')
      .execute();
    const spread = new Set(students.map((s) => Number(s.done)));
    assert.ok(spread.has(0) && spread.has(lessons.length) && spread.size >= 3, `a spread of progress: ${[...spread]}`);
    for (const s of students) {
      assert.equal(s.completed_at !== null, Number(s.done) === lessons.length, 'complete when every lesson is');
      if (Number(s.done) > 0) assert.ok(s.first_access_at && s.first_access_at >= s.enrolled_at);
    }
    const progress = await db
      .selectFrom('lesson_progress as p')
      .innerJoin('course_enrolments as e', 'e.id', 'p.enrolment_id')
      .select(['p.first_opened_at', 'p.completed_at', 'e.enrolled_at', 'e.revoked_at'])
      .execute();
    for (const p of progress) {
      assert.ok(p.first_opened_at >= p.enrolled_at && p.first_opened_at < NOW.toISOString());
      assert.ok(!p.completed_at || !p.revoked_at || p.completed_at < p.revoked_at, 'nothing done after access ended');
    }
    // A lesson completed by its quiz was passed by an attempt (numbered 1, 2, … per student).
    const quizLessons = await db
      .selectFrom('course_quizzes as q')
      .innerJoin('course_lessons as l', 'l.id', 'q.lesson_id')
      .select(['q.id', 'q.lesson_id'])
      .where('l.product_id', '=', product.id)
      .where('l.completion', '=', 'quiz')
      .execute();
    for (const q of quizLessons) {
      const done = await db
        .selectFrom('lesson_progress')
        .select('enrolment_id')
        .where('lesson_id', '=', q.lesson_id)
        .where('completed_at', 'is not', null)
        .execute();
      const attempts = await db
        .selectFrom('course_quiz_attempts')
        .select(['enrolment_id', 'number', 'passed'])
        .where('quiz_id', '=', q.id)
        .orderBy('enrolment_id')
        .orderBy('number')
        .execute();
      const passed = attempts.filter((a) => a.passed === 1).map((a) => a.enrolment_id);
      assert.deepEqual(new Set(passed), new Set(done.map((d) => d.enrolment_id)), 'passed ⇔ completed');
      assert.ok(
        attempts.some((a) => a.passed === 0),
        'some failed once',
      );
    }
    // History sends and issues nothing: no completion jobs, no certificates, and past drip openings count as announced.
    const jobs = await db.selectFrom('jobs').select('kind').distinct().execute();
    assert.ok(!jobs.some((j) => j.kind.startsWith('courses.') || j.kind.startsWith('email.')), JSON.stringify(jobs));
    assert.equal((await db.selectFrom('certificates').select('id').execute()).length, 0);
    assert.equal(await sendUnlockEmails(db, 'http://localhost', NOW), 0, 'no email about a year of openings');
  });

  test('the affiliate programme: two partners with tax details, an applicant, attributed orders, a past payout', async (c) => {
    const { db } = t.services.database;
    const affiliates = await db.selectFrom('affiliates').select(['id', 'status', 'iban']).execute();
    assert.deepEqual(affiliates.map((a) => a.status).sort(), ['applied', 'approved', 'approved']);
    assert.ok(
      affiliates.filter((a) => a.status === 'approved').every((a) => a.iban !== ''),
      'bank details given',
    );
    const attributed = await db.selectFrom('order_attributions').select('order_id').execute();
    const paid = await db.selectFrom('orders').select('id').where('status', 'in', ['paid', 'refunded']).execute();
    assert.ok(attributed.length > 10 && attributed.length < paid.length * 0.1, `${attributed.length} attributed`);
    const entries = await db.selectFrom('affiliate_commission_entries').selectAll().execute();
    const kinds = new Set(entries.map((e) => e.kind));
    for (const k of ['pending', 'approved', 'paid'] as const) assert.ok(kinds.has(k), `${k} entries`);
    // The ledger invariant: per partner, the balance is the sum of its entries, the payouts those of its paid entries.
    for (const b of await balances(db, NOW)) {
      const own = entries.filter((e) => e.affiliate_id === b.affiliateId);
      assert.equal(b.totalMinor, sum(own.map((e) => e.amount_minor)));
      assert.equal(b.heldMinor + b.payableMinor, b.totalMinor);
    }
    const payouts = await db.selectFrom('affiliate_payouts').select(['id', 'amount_minor', 'net_minor']).execute();
    c.diagnostic(
      `${attributed.length} attributed orders, ${entries.length} entries, payouts ${JSON.stringify(payouts.map((p) => p.amount_minor))}`,
    );
    assert.ok(payouts.length >= 1, 'a past payout');
    for (const p of payouts) {
      const paidOut = entries.filter((e) => e.payout_id === p.id).map((e) => -e.amount_minor);
      assert.equal(sum(paidOut), p.amount_minor, 'the paid entry is the payout');
    }
    const clicks = await db.selectFrom('affiliate_clicks').select('day').distinct().execute();
    assert.equal(clicks.length, 60, 'clicks on each of the last 60 days');
  });

  test('the same day gives the same history; a second run adds nothing', async () => {
    const again = await buildTestApp();
    try {
      const second = (await setUpDemoStore(again.services, { content: demoContentOf(), now: NOW })).history;
      const { ms: _a, ...first } = history;
      const { ms: _b, ...other } = second;
      assert.deepEqual(other, first);
      assert.deepEqual(await fingerprint(again), await fingerprint(t));
    } finally {
      await again.close();
    }
    const rerun = await setUpDemoStore(t.services, { content: demoContentOf(), now: NOW });
    assert.equal(rerun.history.added, false);
  });
});
