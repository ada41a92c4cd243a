import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { BillingInterval, DB, SubscriptionStatus } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { translator } from '../../web/messages.js';
import { seedTier } from '../memberships/testing.js';
import { chartCsv } from './chart-model.js';
import { loadAnalytics } from './dashboard-data.js';
import { loadMembershipFigures } from './membership-figures.js';
import { churnBetween, mrrByMonth, mrrOf, type SubscriptionFlow } from './mrr.js';
import { resetSubscriptionFlows, syncSubscriptionFlows } from './mrr-data.js';
import { rebuildSalesAggregates } from './rebuild-aggregates.js';
import { buildReport } from './report.js';
import { seedOrder } from './testing.js';

type Seed = {
  interval: BillingInterval;
  price: number;
  created: string;
  status: SubscriptionStatus;
  accessUntil?: string | null;
  endedAt?: string | null;
  cancel?: boolean;
  currency?: string;
  paid?: boolean;
};

async function seedSubscription(db: Kysely<DB>, tierId: string, s: Seed): Promise<string> {
  const memberId = randomUUID();
  await db
    .insertInto('members')
    .values({
      id: memberId,
      email: `m-${memberId.slice(0, 8)}@example.com`,
      locale: 'en',
      customer_id: null,
      email_status: 'subscribed',
      source: 'checkout',
      created_at: s.created,
      confirmed_at: s.created,
      unsubscribed_at: null,
      updated_at: s.created,
    })
    .execute();
  const id = randomUUID();
  await db
    .insertInto('subscriptions')
    .values({
      id,
      member_id: memberId,
      tier_id: tierId,
      interval: s.interval,
      status: s.status,
      cancel_at_period_end: s.cancel ? 1 : 0,
      price_minor: s.price,
      currency: s.currency ?? 'EUR',
      provider: 'test',
      provider_ref: null,
      current_period_start: s.paid === false ? null : s.created,
      current_period_end: s.accessUntil ?? s.endedAt ?? null,
      access_until: s.accessUntil ?? s.endedAt ?? null,
      created_at: s.created,
      updated_at: s.created,
      canceled_at: s.cancel ? s.created : null,
      ended_at: s.endedAt ?? null,
    })
    .execute();
  return id;
}

describe('MRR and churn (pure)', () => {
  const flow = (day: string, f: Partial<SubscriptionFlow>): SubscriptionFlow => ({
    day,
    startMonthly: 0,
    startYearly: 0,
    starts: 0,
    endMonthly: 0,
    endYearly: 0,
    ends: 0,
    ...f,
  });

  test('yearly prices count as a twelfth, summed before dividing', () => {
    assert.equal(mrrOf(500, 6000), 1000);
    assert.equal(mrrOf(0, 1000 + 1000), 166); // 2000 / 12, not 83 + 83
  });

  test('churn rate: ended in the period ÷ active at its start; none active gives no rate', () => {
    const flows = [
      flow('2026-01-10', { startMonthly: 1500, starts: 3 }),
      flow('2026-02-03', { startMonthly: 500, starts: 1 }),
      flow('2026-02-20', { endMonthly: 500, ends: 1 }),
    ];
    const feb = churnBetween(flows, '2026-02-01', '2026-02-28');
    assert.deepEqual(
      { active: feb.activeAtStart, churned: feb.churned, rate: feb.churnRatePermille },
      { active: 3, churned: 1, rate: 333 },
    );
    assert.equal(churnBetween(flows, '2026-01-01', '2026-01-31').churnRatePermille, undefined);
    const months = mrrByMonth(flows, '2026-01-15', '2026-03-02');
    assert.deepEqual(
      months.map((m) => [m.month, m.mrr, m.newMrr, m.churnedMrr, m.active]),
      [
        ['2026-01', 1500, 1500, 0, 3],
        ['2026-02', 1500, 500, 500, 3],
        ['2026-03', 1500, 0, 0, 3],
      ],
    );
  });
});

describe('MRR and churn on the leverage dashboard', () => {
  let t: TestApp;
  let db: Kysely<DB>;
  let tierId: string;
  let tierProduct: string;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    db = t.services.database.db;
    const tier = await seedTier(t.services, { name: 'Reader', monthly: 500, yearly: 6000 });
    tierId = tier.id;
    tierProduct = tier.product_id as string;
    const seeds: Record<string, Seed> = {
      monthly: {
        interval: 'month',
        price: 500,
        created: '2026-03-10T09:00:00.000Z',
        status: 'active',
        accessUntil: '2026-07-10T09:00:00.000Z',
      },
      yearly: {
        interval: 'year',
        price: 6000,
        created: '2026-04-05T09:00:00.000Z',
        status: 'active',
        accessUntil: '2027-04-05T09:00:00.000Z',
      },
      // canceled at its period end (2026-06-20): counts until then
      canceling: {
        interval: 'month',
        price: 1000,
        created: '2026-02-01T09:00:00.000Z',
        status: 'active',
        cancel: true,
        accessUntil: '2026-06-20T09:00:00.000Z',
      },
      ended: {
        interval: 'month',
        price: 700,
        created: '2026-01-15T09:00:00.000Z',
        status: 'expired',
        endedAt: '2026-05-15T10:00:00.000Z',
      },
      // ended 22:30 UTC on 31 March = 00:30 on 1 April in Berlin: churned in April
      endedLate: {
        interval: 'year',
        price: 1200,
        created: '2026-02-20T09:00:00.000Z',
        status: 'expired',
        endedAt: '2026-03-31T22:30:00.000Z',
      },
      neverPaid: {
        interval: 'month',
        price: 999,
        created: '2026-05-01T09:00:00.000Z',
        status: 'incomplete',
        paid: false,
      },
      dollars: {
        interval: 'month',
        price: 800,
        created: '2026-03-01T09:00:00.000Z',
        status: 'active',
        accessUntil: '2026-07-01T09:00:00.000Z',
        currency: 'USD',
      },
      pastDue: {
        interval: 'month',
        price: 300,
        created: '2026-05-02T09:00:00.000Z',
        status: 'past_due',
        accessUntil: '2026-06-18T09:00:00.000Z',
      },
    };
    for (const [k, s] of Object.entries(seeds)) ids[k] = await seedSubscription(db, tierId, s);
  });
  after(() => t.close());

  const NOW = new Date('2026-06-15T12:00:00.000Z');

  test('MRR now: monthly plus yearly ÷ 12 in the store currency, the same as the dashboard tile', async () => {
    const tile = await loadMembershipFigures(db, 'EUR', NOW);
    // 500 + 6000/12 + 1000 (canceled, not yet ended) + 300 (past due, access kept)
    assert.equal(tile.mrrMinor, 2300);
    assert.equal(tile.activePaid, 5); // members are counted whatever their currency
    const data = await loadAnalytics(db, { currency: 'EUR', range: 'all', now: NOW });
    const r = buildReport(data, data.period, translator('en'), 'en');
    assert.ok(r.mrr);
    assert.equal(r.mrr.now.mrrMinor, 2300);
    assert.deepEqual(
      r.mrr.months.map((m) => [m.month, m.mrr, m.newMrr, m.churnedMrr, m.active, m.churned, m.churnRatePermille]),
      [
        ['2026-01', 700, 700, 0, 1, 0, undefined],
        ['2026-02', 1800, 1100, 0, 3, 0, 0],
        ['2026-03', 2300, 500, 0, 4, 0, 0],
        ['2026-04', 2700, 500, 100, 4, 1, 250],
        ['2026-05', 2300, 300, 700, 4, 1, 250],
        ['2026-06', 2300, 0, 0, 4, 0, 0],
      ],
    );
    assert.equal(r.mrr.months.at(-1)?.mrr, tile.mrrMinor, 'the last point is MRR now');
    const usd = await loadAnalytics(db, { currency: 'USD', range: 'all', now: NOW });
    assert.equal(usd.memberships?.now.mrrMinor, 800);
  });

  test('churn rate of the shown period: ended in it ÷ active at its start', async () => {
    const data = await loadAnalytics(db, { currency: 'EUR', range: '90', now: NOW });
    const r = buildReport(data, data.period, translator('en'), 'en');
    assert.equal(r.mrr?.period.from, '2026-03-18');
    assert.deepEqual(
      {
        active: r.mrr?.period.activeAtStart,
        churned: r.mrr?.period.churned,
        rate: r.mrr?.period.churnRatePermille,
        newMrr: r.mrr?.period.newMrr,
        churnedMrr: r.mrr?.period.churnedMrr,
      },
      { active: 4, churned: 2, rate: 500, newMrr: 800, churnedMrr: 800 },
    );
    assert.equal(
      chartCsv(r.charts.members),
      'Month,Paid subscriptions,Started,Ended,Churn rate (%)\r\n2026-03,4,1,0,0.0\r\n2026-04,4,1,1,25.0\r\n2026-05,4,1,1,25.0\r\n2026-06,4,0,0,0.0\r\n',
    );
  });

  test('a subscription canceled at its period end counts until that end, then is churned; the upkeep converges', async () => {
    const later = new Date('2026-06-25T12:00:00.000Z');
    const report = async (now: Date, range: '30' | 'all') => {
      const data = await loadAnalytics(db, { currency: 'EUR', range, now });
      return buildReport(data, data.period, translator('en'), 'en');
    };
    // Access has ended (canceled: 20 June; past due: 18 June) before the expiry job has run: neither counts.
    assert.equal((await loadMembershipFigures(db, 'EUR', later)).mrrMinor, 1000);
    assert.equal((await report(later, '30')).mrr?.months.at(-1)?.mrr, 1000);
    const expire = (id: string, at: string) =>
      db
        .updateTable('subscriptions')
        .set({ status: 'expired', ended_at: at, updated_at: at })
        .where('id', '=', id)
        .execute();
    await expire(ids.canceling as string, '2026-06-20T09:00:05.000Z');
    await expire(ids.pastDue as string, '2026-06-18T09:00:05.000Z');
    let r = await report(later, '30');
    assert.equal((await loadMembershipFigures(db, 'EUR', later)).mrrMinor, 1000);
    assert.deepEqual(
      r.mrr?.months.map((m) => [m.month, m.mrr, m.churnedMrr, m.churned]),
      [
        ['2026-05', 2300, 700, 1],
        ['2026-06', 1000, 1300, 2],
      ],
    );
    assert.equal(r.mrr?.period.churnRatePermille, 500); // 2 of the 4 active on 27 May
    const flows = await db
      .selectFrom('daily_subscription_flows')
      .selectAll()
      .orderBy('day')
      .orderBy('currency')
      .execute();
    // Synced again, and after a recount from scratch: the same flows.
    assert.equal(await syncSubscriptionFlows(db, { timeZone: 'Europe/Berlin', now: later }), 0);
    await resetSubscriptionFlows(db);
    const sync = () => syncSubscriptionFlows(db, { timeZone: 'Europe/Berlin', now: later });
    const stored = () =>
      db.selectFrom('daily_subscription_flows').selectAll().orderBy('day').orderBy('currency').execute();
    // Two at once (two admins opening the page): the second waits for the first and adds nothing.
    await Promise.all([sync(), sync()]);
    assert.deepEqual(await stored(), flows);
    const reprice = (price: number, at: string) =>
      db
        .updateTable('subscriptions')
        .set({ price_minor: price, updated_at: at })
        .where('id', '=', ids.monthly as string)
        .execute();
    await reprice(600, '2026-06-25T12:00:00.100Z');
    await Promise.all([sync(), sync()]);
    const afterChange = await stored();
    await resetSubscriptionFlows(db);
    await sync();
    assert.deepEqual(await stored(), afterChange);
    assert.notDeepEqual(afterChange, flows);
    await reprice(500, '2026-06-25T12:00:00.200Z');
    // Renewed after all (as if never ended): their contributions move back.
    for (const id of [ids.canceling, ids.pastDue] as string[]) {
      await db
        .updateTable('subscriptions')
        .set({
          status: 'active',
          ended_at: null,
          current_period_end: '2026-07-20T09:00:00.000Z',
          access_until: '2026-07-20T09:00:00.000Z',
          updated_at: '2026-06-25T12:00:01.000Z',
        })
        .where('id', '=', id)
        .execute();
    }
    r = await report(later, 'all');
    assert.deepEqual(
      r.mrr?.months.map((m) => m.mrr),
      [700, 1800, 2300, 2700, 2300, 2300],
    );
  });

  test('the page: tiles, MRR charts with tables and CSV, memberships as their own 1:n line; in German', async () => {
    // Dates relative to today, so the page (which reads the clock) shows them.
    const day = 86_400_000;
    const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
    const fresh = await seedSubscription(db, tierId, {
      interval: 'month',
      price: 900,
      created: ago(2),
      status: 'active',
      accessUntil: ago(-28),
    });
    const orderId = await seedOrder(db, tierProduct, { totalMinor: 900 });
    await db
      .updateTable('orders')
      .set({ status: 'paid', paid_at: ago(2) })
      .where('id', '=', orderId)
      .execute();
    await rebuildSalesAggregates(db, t.services.database.dialect);

    const c = new TestClient(t.app);
    await c.login();
    const form = await c.get('/admin/analytics/effort');
    assert.match(form.body, new RegExp(`<option value="${tierProduct}"[^>]*>Reader \\(Membership\\)</option>`));
    const saved = await c.postForm(
      '/admin/analytics/effort',
      { productId: tierProduct, day: '2026-01-05', hours: '3', category: 'creation', note: 'Tier set-up' },
      { formPage: '/admin/analytics/effort' },
    );
    assert.equal(saved.headers.location, '/admin/analytics/effort?ok=1');

    // The overview names the tiers' own rate; the products tab lists the tier; the memberships tab has MRR.
    const overview = await c.get('/admin/analytics?range=30');
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /Memberships \(1:n\): €3\.00 per hour/); // €9 net / 3 h
    const products = await c.get('/admin/analytics/products?range=30');
    assert.match(products.body, /Reader<span class="muted"> \(Membership\)<\/span>/);
    const page = await c.get('/admin/analytics/members?range=30');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /appear here once you sell memberships/);
    assert.match(page.body, /<title id="mrr-t">Monthly recurring revenue<\/title>/);
    assert.match(page.body, /<title id="members-t">Paid subscriptions and churn<\/title>/);
    assert.match(page.body, /MRR now<\/div><div class="n">€/);
    // Churned subscriptions hang below the zero line, and the legend says so in words.
    assert.match(page.body, /<\/svg>Ended \(below the zero line\)<\/li>/);
    for (const tab of [overview, products, page]) assert.doesNotMatch(tab.body, /style="|<style/);

    const csv = await c.get('/admin/analytics/charts/mrr.csv?range=30');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'Month,MRR (EUR),New MRR (EUR),Churned MRR (EUR)');
    assert.match(lines.at(-1) ?? '', /^\d{4}-\d{2},\d+\.\d{2},\d+\.\d{2},\d+\.\d{2}$/);
    const tile = await loadMembershipFigures(db, 'EUR', new Date());
    assert.equal(lines.at(-1)?.split(',')[1], (tile.mrrMinor / 100).toFixed(2));

    const de = { cookie: `${c.cookieHeader}; vf_lang=de` };
    const dePage = await c.get('/admin/analytics/members?range=30', de);
    assert.match(dePage.body, /Monatlich wiederkehrender Umsatz \(MRR\)/);
    assert.match(dePage.body, /Kündigungsrate im Zeitraum/);
    const deOverview = await c.get('/admin/analytics?range=30', de);
    assert.match(deOverview.body, /Mitgliedschaften \(1:n\): 3,00\s€ pro Stunde/);
    const deCsv = await c.get('/admin/analytics/charts/members.csv?range=30', de);
    assert.equal(deCsv.body.split('\r\n')[0], 'Monat,Bezahlte Abonnements,Begonnen,Beendet,Kündigungsrate (%)');

    // The recount (a job) starts the subscription flows afresh and arrives at the same figures.
    const flows = () =>
      db.selectFrom('daily_subscription_flows').selectAll().orderBy('day').orderBy('currency').execute();
    const before = await flows();
    const rebuild = await c.postForm('/admin/analytics/rebuild', {}, { formPage: '/admin/analytics' });
    assert.equal(rebuild.statusCode, 303);
    await db.updateTable('daily_subscription_flows').set({ starts: 99 }).execute();
    await t.drainJobs();
    assert.deepEqual(await flows(), before);

    await db.deleteFrom('subscriptions').where('id', '=', fresh).execute();
  });
});
