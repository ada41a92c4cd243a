import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, MemberEmailStatus } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import { startCustomerSession } from '../library/sessions.js';

/** Test helpers: members, tiers and subscriptions written directly (the billing flows are tested elsewhere). */

export async function seedMember(
  db: Kysely<DB>,
  opts: { email: string; name?: string; status?: MemberEmailStatus; confirmed?: boolean; locale?: string },
): Promise<string> {
  const id = randomUUID();
  const now = isoNow();
  await db
    .insertInto('members')
    .values({
      id,
      email: opts.email,
      name: opts.name ?? '',
      locale: opts.locale ?? 'en',
      customer_id: null,
      email_status: opts.status ?? 'subscribed',
      source: 'admin',
      created_at: now,
      confirmed_at: opts.confirmed === false ? null : now,
      unsubscribed_at: null,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function seedTier(db: Kysely<DB>, opts: { name: string; free?: boolean }): Promise<string> {
  const id = randomUUID();
  const now = isoNow();
  await db
    .insertInto('membership_tiers')
    .values({
      id,
      slug: `${opts.name.toLowerCase()}-${id.slice(0, 6)}`,
      name: opts.name,
      is_free: opts.free ? 1 : 0,
      product_id: null,
      currency: 'EUR',
      monthly_price_minor: opts.free ? null : 500,
      yearly_price_minor: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function seedSubscription(db: Kysely<DB>, memberId: string, tierId: string): Promise<void> {
  const now = isoNow();
  await db
    .insertInto('subscriptions')
    .values({
      id: randomUUID(),
      member_id: memberId,
      tier_id: tierId,
      interval: 'month',
      status: 'active',
      price_minor: 500,
      currency: 'EUR',
      provider: 'test',
      provider_ref: null,
      current_period_start: now,
      current_period_end: isoIn(30 * 86_400_000),
      access_until: isoIn(30 * 86_400_000),
      created_at: now,
      updated_at: now,
      canceled_at: null,
      ended_at: null,
    })
    .execute();
}

/** A cookie header of a reader signed in (customer session) as `email`. */
export async function readerCookie(db: Kysely<DB>, email: string): Promise<string> {
  return `vf_customer=${await startCustomerSession(db, email)}`;
}
