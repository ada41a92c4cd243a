import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ACCESS_STATUSES } from './access.js';
import { monthlyValueMinor } from './subscription-rules.js';

export type MembershipFigures = {
  /**
   * Monthly recurring revenue in the store currency: every paid subscription that grants access now (a
   * yearly price as one twelfth), including one canceled at its period end, which counts until it ends.
   */
  mrrMinor: number;
  currency: string;
  /** Members with a paid subscription that grants access now. */
  activePaid: number;
  /** Confirmed newsletter members without paid access. */
  freeMembers: number;
  /** Paid subscriptions that ended in the last 30 days, and their share of those active 30 days ago (per mille). */
  churned30d: number;
  churnRatePermille: number;
};

/** The dashboard's membership tiles; counts in SQL, the MRR summed per interval. */
export async function loadMembershipFigures(db: Kysely<DB>, currency: string, now: Date): Promise<MembershipFigures> {
  const nowIso = now.toISOString();
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const paying = db
    .selectFrom('subscriptions')
    .where('status', 'in', ACCESS_STATUSES)
    .where('access_until', '>', nowIso);
  const [byInterval, activePaid, freeMembers, churned] = await Promise.all([
    paying
      .select(['interval', (eb) => eb.fn.sum<number>('price_minor').as('total')])
      .where('currency', '=', currency)
      .groupBy('interval')
      .execute(),
    paying.select(sql<number>`count(distinct member_id)`.as('n')).executeTakeFirst(),
    db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('confirmed_at', 'is not', null)
      .where('email_status', '=', 'subscribed')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('subscriptions')
              .select('subscriptions.id')
              .whereRef('subscriptions.member_id', '=', 'members.id')
              .where('subscriptions.status', 'in', ACCESS_STATUSES)
              .where('subscriptions.access_until', '>', nowIso),
          ),
        ),
      )
      .executeTakeFirst(),
    db
      .selectFrom('subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'expired')
      .where('ended_at', '>=', since)
      .where('ended_at', '<=', nowIso)
      .where('current_period_start', 'is not', null)
      .executeTakeFirst(),
  ]);
  // Yearly prices are summed first and divided once, so rounding is per interval, not per member.
  const mrrMinor = byInterval.reduce(
    (sum, r) => sum + monthlyValueMinor(Number(r.total ?? 0), r.interval === 'year' ? 'year' : 'month'),
    0,
  );
  const active = Number(activePaid?.n ?? 0);
  const churned30d = Number(churned?.n ?? 0);
  const base = active + churned30d;
  return {
    mrrMinor,
    currency,
    activePaid: active,
    freeMembers: Number(freeMembers?.n ?? 0),
    churned30d,
    churnRatePermille: base === 0 ? 0 : Math.round((churned30d * 1000) / base),
  };
}
