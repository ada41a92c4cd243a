import { type ExpressionBuilder, sql } from 'kysely';
import type { DB, Db, Subscription } from '../../db/schema.js';

/**
 * Who may read what. The one place access is derived from subscription state:
 * pages, RSS, the API and the newsletter's recipient selection all ask here.
 */

/** Who may see a post (or receive it by email). */
export type Audience =
  | { visibility: 'public' }
  /** Every confirmed member, free or paid. */
  | { visibility: 'members' }
  /** Members with any paid subscription that grants access. */
  | { visibility: 'paid' }
  /** Members of the listed tiers (the free tier's id stands for every confirmed member). */
  | { visibility: 'tiers'; tierIds: readonly string[] };

export type MemberAccess = {
  memberId: string | null;
  /** Double opt-in done (or a paid subscription, which proves the address by payment). */
  member: boolean;
  /** Paid tiers whose subscription grants access now. */
  paidTierIds: ReadonlySet<string>;
  /** The free tier's id, when one exists (members belong to it). */
  freeTierId: string | null;
};

export const NO_ACCESS: MemberAccess = { memberId: null, member: false, paidTierIds: new Set(), freeTierId: null };

/** Statuses that can grant access; access_until decides whether they still do. */
export const ACCESS_STATUSES = ['active', 'past_due'] as const;

/** A subscription grants access while active or past due and its access_until lies ahead. */
export function subscriptionGrantsAccess(sub: Pick<Subscription, 'status' | 'access_until'>, now: Date): boolean {
  return (
    (ACCESS_STATUSES as readonly string[]).includes(sub.status) &&
    sub.access_until !== null &&
    sub.access_until > now.toISOString()
  );
}

/** Pure: may a reader with this access read content for this audience? */
export function canRead(audience: Audience, access: MemberAccess): boolean {
  switch (audience.visibility) {
    case 'public':
      return true;
    case 'members':
      return access.member || access.paidTierIds.size > 0;
    case 'paid':
      return access.paidTierIds.size > 0;
    case 'tiers':
      return audience.tierIds.some(
        (id) =>
          access.paidTierIds.has(id) || (id === access.freeTierId && (access.member || access.paidTierIds.size > 0)),
      );
  }
}

/** The access of the member with this (normalised) email; NO_ACCESS for strangers. */
export async function loadMemberAccess(db: Db, email: string | null, now: Date): Promise<MemberAccess> {
  const freeTier = await db
    .selectFrom('membership_tiers')
    .select('id')
    .where('is_free', '=', 1)
    .where('active', '=', 1)
    .executeTakeFirst();
  const freeTierId = freeTier?.id ?? null;
  if (!email) return { ...NO_ACCESS, freeTierId };
  const member = await db
    .selectFrom('members')
    .select(['id', 'confirmed_at'])
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  if (!member) return { ...NO_ACCESS, freeTierId };
  const subs = await db
    .selectFrom('subscriptions')
    .select(['tier_id', 'status', 'access_until'])
    .where('member_id', '=', member.id)
    .where('status', 'in', ACCESS_STATUSES)
    .execute();
  const paidTierIds = new Set(subs.filter((s) => subscriptionGrantsAccess(s, now)).map((s) => s.tier_id));
  return { memberId: member.id, member: member.confirmed_at !== null, paidTierIds, freeTierId };
}

/**
 * SQL condition on `members` for "this member belongs to the audience now" —
 * the recipient selection of a send uses the same rule as `canRead`.
 */
export function memberInAudience(audience: Audience, now: Date) {
  const nowIso = now.toISOString();
  const hasPaid = (eb: ExpressionBuilder<DB, 'members'>, tierIds?: readonly string[]) =>
    eb.exists(
      eb
        .selectFrom('subscriptions')
        .select('subscriptions.id')
        .whereRef('subscriptions.member_id', '=', 'members.id')
        .where('subscriptions.status', 'in', ACCESS_STATUSES)
        .where('subscriptions.access_until', '>', nowIso)
        .$if(tierIds !== undefined, (q) => q.where('subscriptions.tier_id', 'in', tierIds as string[])),
    );
  return (eb: ExpressionBuilder<DB, 'members'>) => {
    switch (audience.visibility) {
      case 'public':
      case 'members':
        return eb.or([eb('members.confirmed_at', 'is not', null), hasPaid(eb)]);
      case 'paid':
        return hasPaid(eb);
      case 'tiers': {
        if (audience.tierIds.length === 0) return sql<boolean>`1 = 0`;
        const free = eb.exists(
          eb
            .selectFrom('membership_tiers')
            .select('membership_tiers.id')
            .where('membership_tiers.id', 'in', audience.tierIds as string[])
            .where('membership_tiers.is_free', '=', 1),
        );
        return eb.or([
          hasPaid(eb, audience.tierIds),
          eb.and([free, eb.or([eb('members.confirmed_at', 'is not', null), hasPaid(eb)])]),
        ]);
      }
    }
  };
}

/** Emails are stored trimmed and lower-case; lookups normalise the same way. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
