import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB, MemberEmailStatus, SubscriptionStatus } from '../../db/schema.js';
import { pageNumber } from '../../web/form-fields.js';
import { normaliseSubscription } from './subscriptions.js';

export const MEMBERS_PAGE_SIZE = 50;
const EMAIL_STATUSES = ['pending', 'subscribed', 'unsubscribed', 'bounced'] as const satisfies MemberEmailStatus[];
const SUB_STATUSES = ['active', 'past_due', 'expired', 'incomplete', 'canceled', 'none'] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The list's filters as the query string carries them; anything malformed is simply not applied. */
export const memberFilterQuery = z.object({
  tier: z.string().max(64).optional().catch(undefined),
  status: z.enum(SUB_STATUSES).optional().catch(undefined),
  email: z.enum(EMAIL_STATUSES).optional().catch(undefined),
  from: day,
  to: day,
  q: z.string().max(200).optional().catch(undefined),
  page: pageNumber().catch(1),
});
export type MemberFilters = z.infer<typeof memberFilterQuery>;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The filters as a where-condition on `members` (shared by the list and the export). */
function filtered(filters: MemberFilters, freeTierId: string | null) {
  return (eb: ExpressionBuilder<DB, 'members'>) => {
    const conds = [];
    const subWhere = (status?: SubscriptionStatus | 'canceled', tierId?: string) => {
      let q = eb
        .selectFrom('subscriptions')
        .select('subscriptions.id')
        .whereRef('subscriptions.member_id', '=', 'members.id');
      if (status === 'canceled')
        q = q.where('subscriptions.cancel_at_period_end', '=', 1).where('subscriptions.status', '<>', 'expired');
      else if (status) q = q.where('subscriptions.status', '=', status);
      if (tierId) q = q.where('subscriptions.tier_id', '=', tierId);
      return eb.exists(q);
    };
    if (filters.tier) {
      conds.push(
        filters.tier === freeTierId
          ? eb('members.confirmed_at', 'is not', null)
          : subWhere(filters.status && filters.status !== 'none' ? filters.status : undefined, filters.tier),
      );
    }
    if (filters.status === 'none') conds.push(eb.not(subWhere()));
    else if (filters.status && (!filters.tier || filters.tier === freeTierId)) conds.push(subWhere(filters.status));
    if (filters.email) conds.push(eb('members.email_status', '=', filters.email));
    if (filters.from) conds.push(eb('members.created_at', '>=', `${filters.from}T00:00:00.000Z`));
    if (filters.to) conds.push(eb('members.created_at', '<=', `${filters.to}T23:59:59.999Z`));
    const q = filters.q?.trim().toLowerCase();
    if (q) {
      const pattern = `%${escapeLike(q)}%`;
      conds.push(
        sql<boolean>`(members.email like ${pattern} escape '\\' or lower(members.name) like ${pattern} escape '\\')`,
      );
    }
    return eb.and(conds);
  };
}

async function freeTier(db: Kysely<DB>) {
  return (await db.selectFrom('membership_tiers').select('id').where('is_free', '=', 1).executeTakeFirst())?.id ?? null;
}

/** A page of members (newest first) with their subscriptions summarised as "tier:status" pairs. */
export async function listMembers(db: Kysely<DB>, filters: MemberFilters) {
  const page = filters.page;
  const rows = await db
    .selectFrom('members')
    .selectAll('members')
    .where(filtered(filters, await freeTier(db)))
    .orderBy('members.created_at', 'desc')
    .orderBy('members.id')
    .limit(MEMBERS_PAGE_SIZE + 1)
    .offset((page - 1) * MEMBERS_PAGE_SIZE)
    .execute();
  const ids = rows.slice(0, MEMBERS_PAGE_SIZE).map((r) => r.id);
  const subs = ids.length
    ? await db
        .selectFrom('subscriptions')
        .innerJoin('membership_tiers', 'membership_tiers.id', 'subscriptions.tier_id')
        .select([
          'subscriptions.member_id',
          'subscriptions.status',
          'subscriptions.cancel_at_period_end',
          'membership_tiers.name',
        ])
        .where('subscriptions.member_id', 'in', ids)
        .execute()
    : [];
  return {
    rows: rows.slice(0, MEMBERS_PAGE_SIZE).map((m) => ({
      ...m,
      subs: subs
        .filter((s) => s.member_id === m.id)
        .map((s) => ({ tier: s.name, status: s.status, canceled: s.cancel_at_period_end === 1 })),
    })),
    page,
    hasNext: rows.length > MEMBERS_PAGE_SIZE,
  };
}

export type MemberList = Awaited<ReturnType<typeof listMembers>>;

/** Every member matching the filters, in batches (keyset on id), for the CSV export. */
export async function* membersForExport(db: Kysely<DB>, filters: MemberFilters, batch = 1000) {
  const where = filtered(filters, await freeTier(db));
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('members')
      .selectAll('members')
      .where(where)
      .where('members.id', '>', after)
      .orderBy('members.id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const [consents, subs] = await Promise.all([
      db.selectFrom('member_consents').selectAll().where('member_id', 'in', ids).orderBy('given_at', 'desc').execute(),
      db
        .selectFrom('subscriptions')
        .innerJoin('membership_tiers', 'membership_tiers.id', 'subscriptions.tier_id')
        .select(['subscriptions.member_id', 'subscriptions.status', 'membership_tiers.name'])
        .where('subscriptions.member_id', 'in', ids)
        .execute(),
    ]);
    yield rows.map((m) => ({
      member: m,
      consent: consents.find((c) => c.member_id === m.id),
      subs: subs.filter((s) => s.member_id === m.id),
    }));
    after = rows.at(-1)!.id;
  }
}

/** One member with subscriptions, billing history and consents, for the admin's detail page. */
export async function loadMemberDetail(db: Kysely<DB>, id: string) {
  const member = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
  if (!member) return undefined;
  const [subs, consents] = await Promise.all([
    db
      .selectFrom('subscriptions')
      .innerJoin('membership_tiers', 'membership_tiers.id', 'subscriptions.tier_id')
      .selectAll('subscriptions')
      .select('membership_tiers.name as tier_name')
      .where('subscriptions.member_id', '=', id)
      .orderBy('subscriptions.created_at', 'desc')
      .execute(),
    db.selectFrom('member_consents').selectAll().where('member_id', '=', id).orderBy('given_at', 'desc').execute(),
  ]);
  const payments = subs.length
    ? await db
        .selectFrom('subscription_payments')
        .leftJoin('orders', 'orders.id', 'subscription_payments.order_id')
        .selectAll('subscription_payments')
        .select('orders.number as order_number')
        .where(
          'subscription_payments.subscription_id',
          'in',
          subs.map((s) => s.id),
        )
        .orderBy('subscription_payments.period_start', 'desc')
        .execute()
    : [];
  return {
    member,
    subscriptions: subs.map((s) => ({ ...normaliseSubscription(s), tier_name: s.tier_name })),
    payments: payments.map((p) => ({ ...p, amount_minor: Number(p.amount_minor) })),
    consents,
  };
}

export type MemberDetail = NonNullable<Awaited<ReturnType<typeof loadMemberDetail>>>;
