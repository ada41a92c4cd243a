import type { Kysely } from 'kysely';
import type { DB, MemberEmailStatus, MembershipTier, Subscription, SubscriptionPayment } from '../../db/schema.js';
import { normaliseEmail } from './access.js';
import { normaliseSubscription } from './subscriptions.js';
import { listTiers } from './tiers.js';

export type PortalSubscription = {
  sub: Subscription;
  tier: MembershipTier | undefined;
  pendingTier: MembershipTier | undefined;
  payments: SubscriptionPayment[];
};

export type Portal = {
  member: { id: string; email: string; email_status: MemberEmailStatus } | undefined;
  subscriptions: PortalSubscription[];
  /** Tiers a subscription can change to. */
  paidTiers: MembershipTier[];
};

/** The signed-in address's membership: subscriptions (newest first) with their billing history. */
export async function loadPortal(db: Kysely<DB>, email: string): Promise<Portal> {
  const tiers = await listTiers(db);
  const paidTiers = tiers.filter((t) => !t.is_free && t.active);
  const member = await db
    .selectFrom('members')
    .select(['id', 'email', 'email_status'])
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  if (!member) return { member, subscriptions: [], paidTiers };
  const subs = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('member_id', '=', member.id)
    .where('status', '<>', 'incomplete')
    // Ended before its first period was paid: nothing to show or manage.
    .where((eb) => eb.or([eb('status', '<>', 'expired'), eb('current_period_start', 'is not', null)]))
    .orderBy('created_at', 'desc')
    .execute();
  const payments = subs.length
    ? await db
        .selectFrom('subscription_payments')
        .selectAll()
        .where(
          'subscription_id',
          'in',
          subs.map((s) => s.id),
        )
        .orderBy('period_start', 'desc')
        .execute()
    : [];
  return {
    member,
    paidTiers,
    subscriptions: subs.map((row) => {
      const sub = normaliseSubscription(row);
      return {
        sub,
        tier: tiers.find((t) => t.id === sub.tier_id),
        pendingTier: tiers.find((t) => t.id === sub.pending_tier_id),
        payments: payments
          .filter((p) => p.subscription_id === sub.id)
          .map((p) => ({ ...p, amount_minor: Number(p.amount_minor) })),
      };
    }),
  };
}

/** A subscription of this address, or undefined (someone else's is "not found"). */
export async function findOwnSubscription(db: Kysely<DB>, email: string, id: string) {
  const row = await db
    .selectFrom('subscriptions')
    .innerJoin('members', 'members.id', 'subscriptions.member_id')
    .selectAll('subscriptions')
    .where('subscriptions.id', '=', id)
    .where('members.email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row ? normaliseSubscription(row) : undefined;
}
