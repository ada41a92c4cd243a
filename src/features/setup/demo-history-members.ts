import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { translator } from '../../web/messages.js';
import { MEMBERSHIP_CONSENT_KIND, MEMBERSHIP_CONSENT_VERSION, uuidFromKey } from '../memberships/period-order.js';
import { subscriptionBuyerOf } from '../memberships/period-tax.js';
import { addInterval } from '../memberships/subscription-rules.js';
import { scheduleRenewal } from '../memberships/subscriptions.js';
import { NEWSLETTER_CONSENT_VERSION, NEWSLETTER_PURPOSE, newsletterConsentText } from '../newsletter/consent.js';
import type { HistoryContext } from './demo-history-context.js';
import type { HistoricalOrder } from './demo-history-orders.js';
import type { PlannedSubscription } from './demo-history-plan.js';
import { insertRows } from './demo-insert.js';

type Rows = {
  members: Insertable<DB['members']>[];
  member_consents: Insertable<DB['member_consents']>[];
  subscriptions: Insertable<DB['subscriptions']>[];
  subscription_payments: Insertable<DB['subscription_payments']>[];
};

const later = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/**
 * The list and the paid letter over the year: free sign-ups (confirmed by
 * double opt-in, a few unsubscribed since), paid subscriptions (monthly and
 * yearly, each billing period an order of the tier's product, some canceled
 * and ended, the live ones with their next renewal scheduled). Returns the
 * period orders (written with the others) and a writer for the rest.
 */
export async function membershipHistory(ctx: HistoryContext) {
  const rows: Rows = { members: [], member_consents: [], subscriptions: [], subscription_payments: [] };
  const orders: HistoricalOrder[] = [];
  const renewals: { id: string; periodEnd: string }[] = [];
  for (const s of ctx.plan.signUps) addSignUp(ctx, rows, s);
  for (const s of ctx.plan.subscriptions) await addSubscription(ctx, rows, orders, renewals, s);
  const write = async (trx: Transaction<DB>) => {
    await insertRows(trx, 'members', rows.members);
    await insertRows(trx, 'member_consents', rows.member_consents);
    await insertRows(trx, 'subscriptions', rows.subscriptions);
    await insertRows(trx, 'subscription_payments', rows.subscription_payments);
    for (const r of renewals) await scheduleRenewal(trx, { id: r.id, provider: 'test' }, r.periodEnd, 0, r.periodEnd);
  };
  return { orders, write, members: rows.members.length, subscriptions: rows.subscriptions.length };
}

function addSignUp(ctx: HistoryContext, rows: Rows, s: HistoryContext['plan']['signUps'][number]) {
  const p = ctx.plan.people[s.person];
  if (!p) return;
  const at = ctx.instant(s.day, s.minute);
  const confirmed = later(at, 7 * 60);
  const left =
    s.unsubscribeAfterDays === null
      ? null
      : new Date(Date.parse(at) + s.unsubscribeAfterDays * 86_400_000).toISOString();
  const unsubscribed = left !== null && left < ctx.nowIso ? left : null;
  const id = randomUUID();
  rows.members.push({
    id,
    email: p.email,
    name: p.name,
    locale: p.locale,
    customer_id: ctx.customers.get(s.person)?.id ?? null,
    email_status: unsubscribed ? 'unsubscribed' : 'subscribed',
    source: 'signup',
    created_at: at,
    confirmed_at: confirmed,
    unsubscribed_at: unsubscribed,
    updated_at: unsubscribed ?? confirmed,
  });
  rows.member_consents.push({
    id: randomUUID(),
    member_id: id,
    purpose: NEWSLETTER_PURPOSE,
    text: newsletterConsentText(p.locale, ctx.storeName),
    text_version: NEWSLETTER_CONSENT_VERSION,
    locale: p.locale,
    ip: null,
    user_agent: null,
    source: 'signup',
    given_at: at,
    confirmed_at: confirmed,
    withdrawn_at: unsubscribed,
  });
}

async function addSubscription(
  ctx: HistoryContext,
  rows: Rows,
  orders: HistoricalOrder[],
  renewals: { id: string; periodEnd: string }[],
  s: PlannedSubscription,
) {
  const p = ctx.plan.people[s.person];
  if (!p) return;
  const { membership } = ctx.catalog;
  const start = ctx.instant(s.day, s.minute);
  const price = s.interval === 'year' ? membership.yearly : membership.monthly;
  const customer = ctx.customerOf(s.person, start);
  const memberId = randomUUID();
  const id = randomUUID();
  let periodStart = later(start, 60);
  let periodEnd = addInterval(periodStart, s.interval);
  let canceledAt: string | null = null;
  let buyer: Awaited<ReturnType<HistoryContext['decide']>>['buyer'] | undefined;
  for (let period = 1; periodStart < ctx.nowIso; period++) {
    const first = period === 1;
    const decided = await ctx.decide(membership.product, p, price, periodStart);
    buyer ??= decided.buyer;
    const orderId = first ? randomUUID() : uuidFromKey(`renew:${id}:${periodStart}:0`);
    orders.push({
      id: orderId,
      customer,
      product: membership.product,
      currency: ctx.currency,
      totalMinor: price,
      tax: decided.tax,
      buyer: decided.buyer,
      consent: first
        ? {
            kind: MEMBERSHIP_CONSENT_KIND,
            version: MEMBERSHIP_CONSENT_VERSION,
            text: translator(p.locale)('memberships.subscribe.consent'),
          }
        : null,
      createdAt: first ? start : periodStart,
      paidAt: later(periodStart, first ? 0 : 30),
      provider: 'test',
      cardCountry: p.country,
      refund: null,
      createdDetail: { subscription: id, periodStart, periodEnd },
    });
    rows.subscription_payments.push({
      id: first ? randomUUID() : uuidFromKey(`payment:${id}:${periodStart}`),
      subscription_id: id,
      period_start: periodStart,
      period_end: periodEnd,
      amount_minor: price,
      currency: ctx.currency,
      status: 'paid',
      order_id: orderId,
      provider_ref: null,
      attempts: 1,
      failure_reason: null,
      created_at: periodStart,
      updated_at: periodStart,
    });
    const cancel = new Date(
      Date.parse(periodStart) + s.cancelAt * (Date.parse(periodEnd) - Date.parse(periodStart)),
    ).toISOString();
    if (s.cancelInPeriod === period && cancel < ctx.nowIso) {
      canceledAt = cancel;
      break;
    }
    if (periodEnd >= ctx.nowIso) break;
    periodStart = periodEnd;
    periodEnd = addInterval(periodStart, s.interval);
  }
  const ended = canceledAt !== null && periodEnd <= ctx.nowIso;
  rows.members.push({
    id: memberId,
    email: p.email,
    name: p.name,
    locale: p.locale,
    customer_id: customer.id,
    // Paid members get what they pay for by email; the free letter's double opt-in is separate.
    email_status: 'subscribed',
    source: 'checkout',
    created_at: start,
    confirmed_at: null,
    unsubscribed_at: null,
    updated_at: start,
  });
  rows.subscriptions.push({
    id,
    member_id: memberId,
    tier_id: membership.tierId,
    interval: s.interval,
    status: ended ? 'expired' : 'active',
    cancel_at_period_end: canceledAt ? 1 : 0,
    price_minor: price,
    currency: ctx.currency,
    provider: 'test',
    provider_ref: null,
    current_period_start: periodStart,
    current_period_end: periodEnd,
    access_until: periodEnd,
    failed_payments: 0,
    created_at: start,
    updated_at: ended ? periodEnd : (canceledAt ?? periodStart),
    canceled_at: canceledAt,
    ended_at: ended ? periodEnd : null,
    test_renewals: 'pay',
    ...subscriptionBuyerOf(buyer),
  });
  // A live subscription renews (or, canceled, ends) at its period end, as after a real first payment.
  if (!ended) renewals.push({ id, periodEnd });
}
