import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ACCESS_STATUSES } from '../memberships/access.js';
import { mrrOf, type SubscriptionFlow } from './mrr.js';
import { loadSubscriptionFlows, syncSubscriptionFlows } from './mrr-data.js';
import { storeTimeZone } from './settings.js';
import { addDays, localDay } from './time-zone.js';

export type MembershipFigures = {
  /**
   * Monthly recurring revenue in the store currency: every paid subscription that grants access now (a
   * yearly price as one twelfth), including one canceled at its period end, which counts until it ends.
   */
  mrrMinor: number;
  currency: string;
  /** Members with a paid subscription that grants access now (one per member), whatever its currency. */
  activePaid: number;
  /** Confirmed newsletter members without paid access. */
  freeMembers: number;
  /** Paid subscriptions that ended in the last 30 days, and their share of those active 30 days ago (per mille). */
  churned30d: number;
  churnRatePermille: number;
};

const n = (v: unknown) => Number(v ?? 0);

/**
 * The dashboard's membership tiles, without reading every member or
 * subscription: MRR, paid members and churn are sums over the daily
 * subscription flows (brought up to date first, which reads only what changed
 * since the last look — the same rule as the MRR history, so its last point is
 * this MRR). Free members are the confirmed subscribers (counted from an
 * index) less those with paid access; the paid ones outside that group are
 * few (pending, unsubscribed or bounced addresses), so they are found from
 * that side.
 */
export async function loadMembershipFigures(db: Kysely<DB>, currency: string, now: Date): Promise<MembershipFigures> {
  const timeZone = await storeTimeZone(db);
  await syncSubscriptionFlows(db, { timeZone, now });
  const today = localDay(now, timeZone);
  const since = addDays(today, -29);
  const [sums, confirmed, paidElsewhere] = await Promise.all([
    db
      .selectFrom('daily_subscription_flows')
      .select((eb) => [
        'currency',
        eb.fn.sum<number>(sql`start_monthly_minor - end_monthly_minor`).as('monthly'),
        eb.fn.sum<number>(sql`start_yearly_minor - end_yearly_minor`).as('yearly'),
        eb.fn.sum<number>(sql`starts - ends`).as('active'),
        eb.fn.sum<number>(sql`case when day >= ${since} then ends else 0 end`).as('ended'),
      ])
      .where('day', '<=', today)
      .groupBy('currency')
      .execute(),
    db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email_status', '=', 'subscribed')
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst(),
    paidOutsideConfirmed(db, now.toISOString()),
  ]);
  const mine = sums.find((s) => s.currency === currency);
  const activePaid = sums.reduce((sum, s) => sum + n(s.active), 0);
  const churned30d = sums.reduce((sum, s) => sum + n(s.ended), 0);
  const base = activePaid + churned30d;
  return {
    mrrMinor: mrrOf(n(mine?.monthly), n(mine?.yearly)),
    currency,
    activePaid,
    freeMembers: Math.max(0, n(confirmed?.n) - (activePaid - paidElsewhere)),
    churned30d,
    churnRatePermille: base === 0 ? 0 : Math.round((churned30d * 1000) / base),
  };
}

/** Members with paid access now who are not confirmed subscribers of the newsletter. */
async function paidOutsideConfirmed(db: Kysely<DB>, nowIso: string): Promise<number> {
  const r = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) =>
      eb.or([
        eb('email_status', 'in', ['pending', 'unsubscribed', 'bounced']),
        eb.and([eb('email_status', '=', 'subscribed'), eb('confirmed_at', 'is', null)]),
      ]),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('subscriptions')
          .select('subscriptions.id')
          .whereRef('subscriptions.member_id', '=', 'members.id')
          .where('subscriptions.status', 'in', ACCESS_STATUSES)
          .where('subscriptions.access_until', '>', nowIso),
      ),
    )
    .executeTakeFirst();
  return n(r?.n);
}

export type MembershipAnalytics = {
  /** The admin dashboard's figures now (MRR, paid and free members), from the one shared function. */
  now: MembershipFigures;
  /** Starts and ends per store-local day, in the chosen currency. */
  flows: SubscriptionFlow[];
};

/** Only once a membership tier exists (like the admin dashboard's tiles). */
export async function loadMembershipAnalytics(
  db: Kysely<DB>,
  opts: { currency: string; timeZone: string; now: Date },
): Promise<MembershipAnalytics | undefined> {
  const tier = await db.selectFrom('membership_tiers').select('id').limit(1).executeTakeFirst();
  if (!tier) return undefined;
  // The figures sync the flows first; the flows' own sync then finds nothing new.
  const now = await loadMembershipFigures(db, opts.currency, opts.now);
  return { now, flows: await loadSubscriptionFlows(db, opts) };
}
