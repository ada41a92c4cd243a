import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { SubscriptionStatus } from '../../db/schema.js';
import { type ApplyContext, createdEarlier, remember } from './outcome.js';
import type { ImportedSubscription } from './records.js';

/** Access "until further notice" of a complimentary plan without an end date. */
export const OPEN_END = '9999-12-31T00:00:00.000Z';

/**
 * The paid tier of this name (case does not matter), else a new tier of that
 * name, inactive (a draft the creator reviews before offering it), with the
 * membership product each period's order is made of.
 */
export async function resolveTier(
  ctx: ApplyContext,
  t: { name: string; currency: string; priceMinor: number; interval: 'month' | 'year' },
): Promise<{ tierId: string; verdict: 'create' | 'match' }> {
  const { trx } = ctx;
  const name = t.name.trim().slice(0, 200) || ctx.platform;
  const found = await trx
    .selectFrom('membership_tiers')
    .select('id')
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
    .where('is_free', '=', 0)
    .orderBy('created_at')
    .executeTakeFirst();
  if (found) return { tierId: found.id, verdict: 'match' };
  const earlier = (await createdEarlier(ctx, `tier:${name.toLowerCase()}`)) !== undefined;
  const tierId = randomUUID();
  const productId = randomUUID();
  await trx
    .insertInto('products')
    .values({
      id: productId,
      slug: `membership-${tierId}`,
      kind: 'membership',
      title: name,
      status: 'archived',
      pricing: 'fixed',
      currency: t.currency,
      price_minor: t.priceMinor,
      suggested_price_minor: null,
      cover_key: null,
      created_at: ctx.now,
      updated_at: ctx.now,
      published_at: null,
    })
    .execute();
  await trx
    .insertInto('membership_tiers')
    .values({
      id: tierId,
      slug: `imported-${tierId.slice(0, 8)}`,
      name,
      product_id: productId,
      currency: t.currency,
      monthly_price_minor: t.interval === 'month' ? t.priceMinor : null,
      yearly_price_minor: t.interval === 'year' ? t.priceMinor : null,
      active: 0,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .execute();
  remember(ctx, `tier:${name.toLowerCase()}`);
  return { tierId, verdict: earlier ? 'match' : 'create' };
}

/** Pure: our status and access for the platform's; a cancelled one keeps access to its paid period's end. */
export function importedStatus(
  s: Pick<ImportedSubscription, 'status' | 'currentPeriodEnd'>,
  now: string,
): { status: SubscriptionStatus; cancelAtPeriodEnd: boolean; accessUntil: string | null } {
  const end = s.currentPeriodEnd;
  const running = end !== null && end > now;
  if (s.status === 'active' || s.status === 'past_due')
    return { status: running ? s.status : 'expired', cancelAtPeriodEnd: false, accessUntil: end };
  if (s.status === 'cancelled' && running) return { status: 'active', cancelAtPeriodEnd: true, accessUntil: end };
  return { status: 'expired', cancelAtPeriodEnd: false, accessUntil: end };
}

/**
 * A paid subscription. With Stripe ids (the creator's own Stripe account) it
 * is adopted: provider 'stripe' with the Stripe subscription and customer ids,
 * so renewals arrive through the Stripe webhooks and match it by
 * provider_ref; nothing is charged here. Without them it is provider
 * 'import': access to the end of the period paid on the platform, never
 * renewed by us (the renewal job charges only 'test' subscriptions).
 */
export async function applySubscription(
  ctx: ApplyContext,
  memberId: string,
  s: ImportedSubscription,
): Promise<string[]> {
  const adopt = s.stripeSubscriptionId !== null;
  if (adopt) {
    const ref = s.stripeSubscriptionId!;
    const exists = await ctx.trx
      .selectFrom('subscriptions')
      .select('id')
      .where('provider_ref', '=', ref)
      .executeTakeFirst();
    if (exists || (await createdEarlier(ctx, `subscription:${ref}`)) !== undefined) return ['subscription:exists'];
  }
  const currency = s.currency || ctx.currency;
  const tier = await resolveTier(ctx, { name: s.planName, currency, priceMinor: s.priceMinor, interval: s.interval });
  // A paying member whose Stripe subscription id the export lacks (Ghost): kept paying at Stripe, access for a period from now.
  const customerOnly = !adopt && s.stripeCustomerId !== null;
  // The export may not say when the paid period ends: one interval from the last charge.
  const from = customerOnly || s.priceUnknown ? ctx.now : s.startedAt;
  const periodEnd = s.currentPeriodEnd ?? (s.status === 'active' ? addInterval(from, s.interval) : null);
  const state = importedStatus({ status: s.status, currentPeriodEnd: periodEnd }, ctx.now);
  if (!adopt && (await extendImported(ctx, memberId, tier.tierId, periodEnd, state)))
    return [`tier:${tier.verdict}`, 'subscription:extend'];
  await insertSubscription(ctx, {
    memberId,
    tierId: tier.tierId,
    interval: s.interval,
    priceMinor: s.priceMinor,
    currency,
    provider: adopt ? 'stripe' : 'import',
    providerRef: s.stripeSubscriptionId,
    providerCustomer: s.stripeCustomerId,
    startedAt: s.startedAt,
    periodEnd,
    ...state,
  });
  if (adopt) remember(ctx, `subscription:${s.stripeSubscriptionId}`);
  const kind = adopt ? 'adopt' : customerOnly ? 'stripe_customer' : 'create';
  return [`tier:${tier.verdict}`, `subscription:${kind}`];
}

/** Pure: the instant one billing interval after `iso` (UTC calendar). */
export function addInterval(iso: string, interval: 'month' | 'year'): string {
  const d = new Date(iso);
  if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString();
}

/**
 * A later charge of a subscription imported before (Gumroad lists each
 * renewal as a sale): the member's imported subscription on the tier is
 * extended to the later period end instead of a second one being made.
 */
async function extendImported(
  ctx: ApplyContext,
  memberId: string,
  tierId: string,
  periodEnd: string | null,
  state: ReturnType<typeof importedStatus>,
): Promise<boolean> {
  const existing = await ctx.trx
    .selectFrom('subscriptions')
    .select(['id', 'current_period_end'])
    .where('member_id', '=', memberId)
    .where('tier_id', '=', tierId)
    .where('provider', '=', 'import')
    .where('price_minor', '>', 0)
    .executeTakeFirst();
  if (!existing) return false;
  if (periodEnd && (!existing.current_period_end || periodEnd > existing.current_period_end))
    await ctx.trx
      .updateTable('subscriptions')
      .set({
        status: state.status,
        cancel_at_period_end: state.cancelAtPeriodEnd ? 1 : 0,
        current_period_end: periodEnd,
        access_until: state.accessUntil,
        ended_at: state.status === 'expired' ? periodEnd : null,
        updated_at: ctx.now,
      })
      .where('id', '=', existing.id)
      .execute();
  return true;
}

/** A gifted plan: access on the tier until the given day (or open-ended), at price 0, never charged. */
export async function applyComplimentary(
  ctx: ApplyContext,
  memberId: string,
  plan: { tierName: string; until: string | null },
  currency: string,
): Promise<string[]> {
  const tier = await resolveTier(ctx, { name: plan.tierName, currency, priceMinor: 0, interval: 'month' });
  const until = plan.until ?? OPEN_END;
  await insertSubscription(ctx, {
    memberId,
    tierId: tier.tierId,
    interval: 'month',
    priceMinor: 0,
    currency,
    provider: 'import',
    providerRef: null,
    providerCustomer: null,
    startedAt: ctx.now,
    periodEnd: until,
    status: until > ctx.now ? 'active' : 'expired',
    cancelAtPeriodEnd: false,
    accessUntil: until,
  });
  return [`tier:${tier.verdict}`, 'subscription:complimentary'];
}

type NewSubscription = {
  memberId: string;
  tierId: string;
  interval: 'month' | 'year';
  priceMinor: number;
  currency: string;
  provider: 'stripe' | 'import';
  providerRef: string | null;
  providerCustomer: string | null;
  startedAt: string;
  periodEnd: string | null;
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  accessUntil: string | null;
};

async function insertSubscription(ctx: ApplyContext, s: NewSubscription): Promise<void> {
  const ended = s.status === 'expired';
  await ctx.trx
    .insertInto('subscriptions')
    .values({
      id: randomUUID(),
      member_id: s.memberId,
      tier_id: s.tierId,
      interval: s.interval,
      status: s.status,
      cancel_at_period_end: s.cancelAtPeriodEnd ? 1 : 0,
      price_minor: s.priceMinor,
      currency: s.currency,
      provider: s.provider,
      provider_ref: s.providerRef,
      provider_customer: s.providerCustomer,
      current_period_start: s.startedAt,
      current_period_end: s.periodEnd,
      access_until: s.accessUntil,
      created_at: s.startedAt,
      updated_at: ctx.now,
      canceled_at: s.cancelAtPeriodEnd || ended ? ctx.now : null,
      ended_at: ended ? (s.accessUntil ?? ctx.now) : null,
      adopted_at: s.provider === 'stripe' ? ctx.now : null,
    })
    .execute();
}
