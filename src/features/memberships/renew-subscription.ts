import type { Transaction } from 'kysely';
import type { DB, Subscription } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { testOffSessionCharges } from '../payments/providers.js';
import { queueMembershipEmail } from './membership-emails.js';
import { createPeriodOrder, uuidFromKey } from './period-order.js';
import { decideRenewalTax } from './period-tax.js';
import { addInterval, nextSubscriptionState, renewalAction } from './subscription-rules.js';
import { findSubscription, scheduleRenewal, stateOf, writeSubscriptionState } from './subscriptions.js';
import { findTier, tierPrice } from './tiers.js';

export type RenewResult = 'renewed' | 'failed' | 'expired' | 'ended' | 'not-due' | 'nothing' | 'stale';

/** What the next period costs: a pending tier/interval change applies now, priced from the tier today. */
async function nextPeriodTerms(trx: Transaction<DB>, sub: Subscription) {
  const tierId = sub.pending_tier_id ?? sub.tier_id;
  const interval = sub.pending_interval ?? sub.interval;
  const tier = await findTier(trx, tierId);
  const changed = tierId !== sub.tier_id || interval !== sub.interval;
  const price = changed && tier ? tierPrice(tier, interval) : sub.price_minor;
  if (!tier?.product_id || price === undefined) {
    // The change cannot be honoured (tier gone or interval withdrawn): renew as before.
    const current = await findTier(trx, sub.tier_id);
    return { tier: current, tierId: sub.tier_id, interval: sub.interval, priceMinor: sub.price_minor };
  }
  return { tier, tierId, interval, priceMinor: price };
}

/**
 * A due renewal of a test-provider subscription: charge the next period (or
 * end a subscription canceled at its period end). Every step is guarded:
 * UNIQUE(subscription_id, period_start) holds one billing row per period,
 * the charge and the order are keyed by subscription, period and attempt,
 * and the state is written only if nobody changed it meanwhile.
 */
export async function renewSubscription(
  services: Services,
  subscriptionId: string,
  attempt: number,
  now: Date = new Date(),
): Promise<RenewResult> {
  const { db } = services.database;
  const sub = await findSubscription(db, subscriptionId);
  if (sub?.provider !== 'test') return 'nothing';
  if (sub.failed_payments !== attempt) return 'stale';
  const at = now.toISOString();
  const action = renewalAction(stateOf(sub), at);
  if (action === 'nothing' || action === 'not-due') return action;
  if (action === 'expire') return endAtPeriodEnd(services, sub, at);

  const periodStart = sub.current_period_end!;
  const key = `renew:${sub.id}:${periodStart}:${attempt}`;
  const orderId = uuidFromKey(key);
  const terms = await db.transaction().execute(async (trx) => {
    const t = await nextPeriodTerms(trx, sub);
    await trx
      .insertInto('subscription_payments')
      .values({
        id: uuidFromKey(`payment:${sub.id}:${periodStart}`),
        subscription_id: sub.id,
        period_start: periodStart,
        period_end: addInterval(periodStart, t.interval),
        amount_minor: t.priceMinor,
        currency: sub.currency,
        status: 'pending',
        order_id: null,
        provider_ref: null,
        failure_reason: null,
        created_at: at,
        updated_at: at,
      })
      // The id is made from (subscription, period start), so it and that pair clash together. With no
      // target, a concurrent run's row is skipped whichever index PostgreSQL checks first (with the
      // pair as target, the primary key's clash was an error).
      .onConflict((oc) => oc.doNothing())
      .execute();
    return t;
  });
  const payment = await db
    .selectFrom('subscription_payments')
    .selectAll()
    .where('subscription_id', '=', sub.id)
    .where('period_start', '=', periodStart)
    .executeTakeFirstOrThrow();
  if (payment.status === 'paid' || !terms.tier?.product_id) return 'stale';

  const provider = testOffSessionCharges(services);
  const charge = await provider.chargeOffSession({
    idempotencyKey: key,
    orderId,
    amountMinor: Number(payment.amount_minor),
    currency: sub.currency,
    decline: sub.test_renewals === 'decline',
  });

  const result = await settle(services, sub, {
    charge,
    terms,
    payment: { id: payment.id, amountMinor: Number(payment.amount_minor) },
    orderId,
    attempt,
    at,
  }).catch((err: unknown) => {
    if (err instanceof StaleRenewal) return 'stale' as const;
    throw err;
  });
  services.nudgeWorker();
  return result;
}

type Settlement = {
  charge: { ref: string; status: 'paid' | 'declined' };
  terms: Awaited<ReturnType<typeof nextPeriodTerms>>;
  payment: { id: string; amountMinor: number };
  orderId: string;
  attempt: number;
  at: string;
};

/** Writes what the charge decided, in one transaction. */
function settle(services: Services, sub: Subscription, s: Settlement): Promise<RenewResult> {
  const { charge, terms, payment, orderId, attempt, at } = s;
  const periodStart = sub.current_period_end!;
  return services.database.db.transaction().execute(async (trx): Promise<RenewResult> => {
    if (charge.status === 'paid') {
      const r = nextSubscriptionState({ ...stateOf(sub), interval: terms.interval }, { type: 'renewal-paid', at });
      if (!r.ok) return 'stale';
      const marked = await trx
        .updateTable('subscription_payments')
        .set({ status: 'paid', provider_ref: charge.ref, attempts: attempt + 1, updated_at: at })
        .where('id', '=', payment.id)
        .where('status', '<>', 'paid')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return 'stale';
      const changes = {
        tier_id: terms.tierId,
        interval: terms.interval,
        price_minor: terms.priceMinor,
        pending_tier_id: null,
        pending_interval: null,
      };
      if (!(await writeSubscriptionState(trx, sub, r.next, changes))) throw new StaleRenewal();
      const member = await memberOf(trx, sub);
      const item = {
        productId: terms.tier!.product_id!,
        title: terms.tier!.name,
        amountMinor: payment.amountMinor,
        currency: sub.currency,
      };
      const order = await createPeriodOrder(trx, {
        id: orderId,
        subscription: sub,
        productId: terms.tier!.product_id!,
        title: terms.tier!.name,
        amountMinor: payment.amountMinor,
        provider: 'test',
        providerRef: charge.ref,
        customer: member,
        periodStart,
        periodEnd: r.next.currentPeriodEnd!,
        // This period's VAT, with the rates valid today.
        tax: await decideRenewalTax(trx, sub, item, at),
      });
      await trx.updateTable('subscription_payments').set({ order_id: orderId }).where('id', '=', payment.id).execute();
      if (order)
        await services.orders.markPaid(trx, order, { provider: 'test', ref: charge.ref, subscription: sub.id });
      await scheduleRenewal(trx, sub, r.next.currentPeriodEnd!, 0, r.wakeAt!);
      return 'renewed';
    }
    const r = nextSubscriptionState(stateOf(sub), { type: 'renewal-failed', at });
    if (!r.ok) return 'stale';
    const failed = await trx
      .updateTable('subscription_payments')
      .set({
        status: 'failed',
        provider_ref: charge.ref,
        attempts: attempt + 1,
        failure_reason: 'declined',
        updated_at: at,
      })
      .where('id', '=', payment.id)
      .where('attempts', '=', attempt)
      .where('status', '<>', 'paid')
      .executeTakeFirst();
    if (Number(failed.numUpdatedRows) !== 1) return 'stale';
    if (!(await writeSubscriptionState(trx, sub, r.next))) throw new StaleRenewal();
    const member = await memberOf(trx, sub);
    if (r.next.status === 'expired') {
      await queueMembershipEmail(trx, services, member, 'membership-ended', sub, { reason: 'payment' });
      return 'ended';
    }
    await scheduleRenewal(trx, sub, periodStart, r.next.failedPayments, r.wakeAt!);
    await queueMembershipEmail(trx, services, member, 'membership-payment-failed', sub, {
      retryAt: r.wakeAt!,
      attempt: r.next.failedPayments,
    });
    return 'failed';
  });
}

class StaleRenewal extends Error {}

/** The member behind a subscription, with the customer row its orders belong to. */
async function memberOf(trx: Transaction<DB>, sub: Pick<Subscription, 'member_id'>) {
  const m = await trx
    .selectFrom('members')
    .leftJoin('customers', 'customers.email', 'members.email')
    .select(['members.email', 'members.name', 'members.locale', 'customers.id as customer_id'])
    .where('members.id', '=', sub.member_id)
    .executeTakeFirstOrThrow();
  if (!m.customer_id) throw new Error(`member ${sub.member_id} has no customer row`);
  return { id: m.customer_id, email: m.email, name: m.name, locale: m.locale };
}

/** A subscription canceled at period end reaches it: it ends, and the member is told. */
async function endAtPeriodEnd(services: Services, sub: Subscription, at: string): Promise<RenewResult> {
  const r = nextSubscriptionState(stateOf(sub), { type: 'period-ended', at });
  if (!r.ok) return r.error === 'too-early' ? 'not-due' : 'nothing';
  const done = await services.database.db.transaction().execute(async (trx) => {
    if (!(await writeSubscriptionState(trx, sub, r.next))) return false;
    await queueMembershipEmail(trx, services, await memberOf(trx, sub), 'membership-ended', sub, {
      reason: 'canceled',
    });
    return true;
  });
  if (done) services.nudgeWorker();
  return done ? 'expired' : 'stale';
}
