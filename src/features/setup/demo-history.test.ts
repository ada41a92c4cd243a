import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../testing/app.js';
import { earnedOf, loadAnalytics } from '../analytics/dashboard-data.js';
import { addDays } from '../analytics/time-zone.js';
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
    assert.equal(paid.length, 4, 'e-book, bundle, plugin and the membership sold');
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
