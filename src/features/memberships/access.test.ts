import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { DB, SubscriptionStatus } from '../../db/schema.js';
import { createTestDatabase, type TestDatabase } from '../../testing/database.js';
import { type Audience, canRead, loadMemberAccess, memberInAudience, NO_ACCESS } from './access.js';

const now = new Date('2026-06-15T12:00:00Z');
const later = '2026-07-01T00:00:00.000Z';
const earlier = '2026-06-01T00:00:00.000Z';

async function addTier(db: Kysely<DB>, id: string, isFree: boolean) {
  const at = now.toISOString();
  await db
    .insertInto('membership_tiers')
    .values({ id, slug: id, name: id, is_free: isFree ? 1 : 0, currency: 'EUR', created_at: at, updated_at: at })
    .execute();
}

async function addMember(db: Kysely<DB>, email: string, confirmed: boolean) {
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto('members')
    .values({
      id,
      email,
      locale: 'en',
      email_status: confirmed ? 'subscribed' : 'pending',
      source: 'signup',
      created_at: at,
      updated_at: at,
      confirmed_at: confirmed ? at : null,
    })
    .execute();
  return id;
}

async function addSubscription(
  db: Kysely<DB>,
  memberId: string,
  tierId: string,
  status: SubscriptionStatus,
  accessUntil: string,
) {
  const at = now.toISOString();
  await db
    .insertInto('subscriptions')
    .values({
      id: randomUUID(),
      member_id: memberId,
      tier_id: tierId,
      interval: 'month',
      status,
      price_minor: 900,
      currency: 'EUR',
      provider: 'test',
      access_until: accessUntil,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

describe('membership access', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await addTier(db, 'free', true);
    await addTier(db, 'pro', false);
    await addTier(db, 'vip', false);
    const confirmed = await addMember(db, 'free@example.com', true);
    await addMember(db, 'pending@example.com', false);
    const pro = await addMember(db, 'pro@example.com', true);
    await addSubscription(db, pro, 'pro', 'active', later);
    const dunning = await addMember(db, 'dunning@example.com', true);
    await addSubscription(db, dunning, 'vip', 'past_due', later);
    const lapsed = await addMember(db, 'lapsed@example.com', true);
    await addSubscription(db, lapsed, 'pro', 'active', earlier);
    const expired = await addMember(db, 'expired@example.com', false);
    await addSubscription(db, expired, 'vip', 'expired', later);
    void confirmed;
  });
  after(() => database.close());

  const audiences: Record<string, Audience> = {
    public: { visibility: 'public' },
    members: { visibility: 'members' },
    paid: { visibility: 'paid' },
    pro: { visibility: 'tiers', tierIds: ['pro'] },
    free: { visibility: 'tiers', tierIds: ['free'] },
    none: { visibility: 'tiers', tierIds: [] },
  };

  // Who may read each audience: pages (canRead) and recipient selection (SQL) must agree.
  const expected: Record<string, string[]> = {
    public: ['dunning', 'free', 'lapsed', 'pro'],
    members: ['dunning', 'free', 'lapsed', 'pro'],
    paid: ['dunning', 'pro'],
    pro: ['pro'],
    free: ['dunning', 'free', 'lapsed', 'pro'],
    none: [],
  };

  for (const [name, audience] of Object.entries(audiences)) {
    test(`audience ${name}: the page rule and the SQL rule agree`, async () => {
      const rows = await database.db
        .selectFrom('members')
        .select('email')
        .where(memberInAudience(audience, now))
        .orderBy('email')
        .execute();
      const bySql = rows.map((r) => r.email.split('@')[0]);
      assert.deepEqual(bySql, expected[name]);
      const emails = ['free', 'pending', 'pro', 'dunning', 'lapsed', 'expired', 'stranger'];
      const byPage: string[] = [];
      for (const e of emails) {
        const access = await loadMemberAccess(database.db, ` ${e.toUpperCase()}@Example.com `, now);
        if (canRead(audience, access)) byPage.push(e);
      }
      // Public pages are for everyone; public emails go to the confirmed members only.
      assert.deepEqual(byPage.sort(), name === 'public' ? emails.sort() : expected[name]);
    });
  }

  test('a stranger reads only public content', () => {
    assert.equal(canRead({ visibility: 'public' }, NO_ACCESS), true);
    assert.equal(canRead({ visibility: 'members' }, NO_ACCESS), false);
    assert.equal(canRead({ visibility: 'tiers', tierIds: ['free'] }, { ...NO_ACCESS, freeTierId: 'free' }), false);
  });
});
