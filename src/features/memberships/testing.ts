import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { BillingInterval } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { TestApp, TestClient } from '../../testing/app.js';
import { emailsTo, pathsIn } from '../delivery/testing.js';
import { requestLoginLink } from '../library/request-login-link.js';
import { saveTier } from './save-tier.js';
import { findSubscription } from './subscriptions.js';
import { findTier } from './tiers.js';

/** Test-only: a tier as the admin would save it. */
export async function seedTier(
  services: Services,
  opts: { name?: string; slug?: string; free?: boolean; monthly?: number | null; yearly?: number | null } = {},
) {
  const name = opts.name ?? 'Supporter';
  const r = await saveTier(services.database.db, {
    id: null,
    values: {
      name,
      slug: opts.slug ?? name.toLowerCase(),
      isFree: opts.free ?? false,
      descriptionMd: '',
      benefits: ['Weekly letter'],
      monthlyMinor: opts.free ? null : opts.monthly === undefined ? 500 : opts.monthly,
      yearlyMinor: opts.free ? null : opts.yearly === undefined ? 5000 : opts.yearly,
      position: 0,
      active: true,
    },
    currency: 'EUR',
    actor: 'test',
  });
  assert.equal(r.kind, 'saved');
  return (await findTier(services.database.db, (r as { id: string }).id))!;
}

/** Subscribes through the public pages and the test provider's page; returns the subscription. */
export async function subscribeAndPay(
  t: TestApp,
  c: TestClient,
  opts: {
    tier: string;
    interval?: BillingInterval;
    email: string;
    outcome?: 'pay' | 'pay-decline-renewals';
    /** More form fields (billing country, VAT ID, address). */
    fields?: Record<string, string>;
  },
) {
  const interval = opts.interval ?? 'month';
  const res = await c.postForm(
    '/membership/subscribe',
    { tier: opts.tier, interval, email: opts.email, name: 'Mia', consent: '1', ...opts.fields },
    { formPage: `/membership/subscribe?tier=${opts.tier}&interval=${interval}` },
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const payUrl = res.headers.location as string;
  assert.match(payUrl, /^\/pay\/test\/test_cs_/);
  const paid = await c.postForm(payUrl, { outcome: opts.outcome ?? 'pay' }, { formPage: payUrl });
  assert.equal(paid.statusCode, 303);
  await t.drainJobs();
  const sub = await t.services.database.db
    .selectFrom('subscriptions')
    .innerJoin('members', 'members.id', 'subscriptions.member_id')
    .select('subscriptions.id')
    .where('members.email', '=', opts.email.toLowerCase())
    .orderBy('subscriptions.created_at', 'desc')
    .executeTakeFirstOrThrow();
  return (await findSubscription(t.services.database.db, sub.id))!;
}

/**
 * Test-only clock: moves a subscription's dates (and its pending renewal
 * jobs) into the past so that `now` lies `afterMs` past its period end. Run
 * `drainJobs()` afterwards to let the due jobs happen.
 */
export async function moveToPeriodEnd(services: Services, subscriptionId: string, afterMs = 1000) {
  const { db } = services.database;
  const sub = (await findSubscription(db, subscriptionId))!;
  assert.ok(sub.current_period_end, 'subscription has a period');
  const shift = new Date(sub.current_period_end).getTime() - Date.now() + afterMs;
  const back = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() - shift).toISOString() : null);
  await db
    .updateTable('subscriptions')
    .set({
      current_period_start: back(sub.current_period_start),
      current_period_end: back(sub.current_period_end),
      access_until: back(sub.access_until),
      canceled_at: back(sub.canceled_at),
    })
    .where('id', '=', sub.id)
    .execute();
  const jobs = await db
    .selectFrom('jobs')
    .select(['id', 'run_at'])
    .where('status', '=', 'pending')
    .where('unique_key', 'like', `renew:${sub.id}:%`)
    .execute();
  for (const j of jobs) {
    await db
      .updateTable('jobs')
      .set({ run_at: back(j.run_at)! })
      .where('id', '=', j.id)
      .execute();
  }
  return shift;
}

export async function countPayments(services: Services, subscriptionId: string, status?: string) {
  let q = services.database.db
    .selectFrom('subscription_payments')
    .select(sql<number>`count(*)`.as('n'))
    .where('subscription_id', '=', subscriptionId);
  if (status) q = q.where('status', '=', status as 'paid');
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** A browser signed in to the library (and so the member portal) of `email`, by the emailed link. */
export async function signInLibrary(t: TestApp, c: TestClient, email: string) {
  assert.ok(
    await requestLoginLink(t.services.database.db, { email, locale: 'en', publicUrl: t.services.config.publicUrl }),
  );
  const mails = await emailsTo(t.services, email);
  const link = pathsIn(mails.at(-1)!.text, t.services.config.publicUrl).find((p) => p.startsWith('/library/auth/'))!;
  const res = await c.postForm(link, {}, { formPage: link });
  assert.equal(res.statusCode, 303);
}

/** The newest emailed link under `prefix` sent to `email`, as a path. */
export async function latestLinkTo(t: TestApp, email: string, prefix: string) {
  const mails = await emailsTo(t.services, email);
  for (const m of [...mails].reverse()) {
    const p = pathsIn(m.text, t.services.config.publicUrl).find((x) => x.startsWith(prefix));
    if (p) return p;
  }
  throw new Error(`no ${prefix} link emailed to ${email}`);
}
