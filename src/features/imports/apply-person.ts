import { randomUUID } from 'node:crypto';
import type { Customer, MemberEmailStatus } from '../../db/schema.js';
import { type ApplyContext, createdEarlier, remember } from './outcome.js';
import type { ImportedPerson } from './records.js';

/**
 * The buyer as a customer: merged by email with an existing one (whose name
 * is kept; an export's older name never overwrites it), else created.
 */
export async function applyCustomer(
  ctx: ApplyContext,
  person: ImportedPerson,
): Promise<{ customer: Customer; merged: boolean }> {
  const { trx } = ctx;
  const key = `customer:${person.email}`;
  const existing = await trx.selectFrom('customers').selectAll().where('email', '=', person.email).executeTakeFirst();
  if (existing) {
    if (!existing.name && person.name)
      await trx.updateTable('customers').set({ name: person.name }).where('id', '=', existing.id).execute();
    return { customer: { ...existing, name: existing.name || person.name }, merged: true };
  }
  const merged = (await createdEarlier(ctx, key)) !== undefined;
  const customer: Customer = {
    id: randomUUID(),
    email: person.email,
    name: person.name,
    locale: ctx.locale,
    created_at: ctx.now,
  };
  await trx.insertInto('customers').values(customer).execute();
  remember(ctx, key);
  return { customer, merged };
}

/**
 * Newsletter consent, never upgraded: 'do_not_contact' unsubscribes (an
 * existing member too: the person opted out there), 'opted_in' (an explicit
 * opt-in on the platform) subscribes a new or still unconfirmed member with an
 * imported consent record, 'unknown' gives no consent. A person is made a
 * member only when `asMember` (a platform's member) or opted in; an
 * unsubscribed or bounced member is never subscribed again.
 * Returns the member's id (null when none) and what changed.
 */
export async function applyConsent(
  ctx: ApplyContext,
  person: ImportedPerson,
  opts: { asMember: boolean; customerId: string | null; joinedAt?: string },
): Promise<{ memberId: string | null; effects: string[] }> {
  const { trx } = ctx;
  const key = `member:${person.email}`;
  let member = await trx
    .selectFrom('members')
    .select(['id', 'email_status', 'customer_id'])
    .where('email', '=', person.email)
    .executeTakeFirst();
  const earlier = member ? undefined : await createdEarlier(ctx, key);
  if (!member && earlier) member = await insertMember(ctx, person, earlier as MemberEmailStatus, opts.customerId);
  const effects: string[] = [];
  if (!member) {
    if (!opts.asMember && person.consent !== 'opted_in') return { memberId: null, effects };
    const status = initialStatus(person);
    member = await insertMember(ctx, person, status, opts.customerId, opts.joinedAt);
    effects.push('member:create');
    if (status === 'subscribed') await recordImportedConsent(ctx, member.id);
    if (person.consent !== 'unknown') effects.push(`consent:${status}`);
    remember(ctx, key, status);
    return { memberId: member.id, effects };
  }
  effects.push('member:merge');
  if (opts.customerId && !member.customer_id)
    await trx.updateTable('members').set({ customer_id: opts.customerId }).where('id', '=', member.id).execute();
  const next = nextStatus(member.email_status, person);
  if (next !== member.email_status) {
    await trx
      .updateTable('members')
      .set({
        email_status: next,
        updated_at: ctx.now,
        ...(next === 'unsubscribed' ? { unsubscribed_at: ctx.now } : { confirmed_at: ctx.now }),
      })
      .where('id', '=', member.id)
      .execute();
    if (next === 'unsubscribed')
      await trx
        .updateTable('member_consents')
        .set({ withdrawn_at: ctx.now })
        .where('member_id', '=', member.id)
        .where('withdrawn_at', 'is', null)
        .execute();
    else await recordImportedConsent(ctx, member.id);
    effects.push(`consent:${next}`);
  }
  remember(ctx, key, next);
  return { memberId: member.id, effects };
}

function initialStatus(person: ImportedPerson): MemberEmailStatus {
  if (person.consent === 'do_not_contact') return 'unsubscribed';
  return person.consent === 'opted_in' ? 'subscribed' : 'pending';
}

/** Pure: the email status after an export's consent; only ever down, or pending → subscribed on an explicit opt-in. */
export function nextStatus(current: MemberEmailStatus, person: Pick<ImportedPerson, 'consent'>): MemberEmailStatus {
  if (person.consent === 'do_not_contact') return current === 'bounced' ? current : 'unsubscribed';
  if (person.consent === 'opted_in' && current === 'pending') return 'subscribed';
  return current;
}

async function insertMember(
  ctx: ApplyContext,
  person: ImportedPerson,
  status: MemberEmailStatus,
  customerId: string | null,
  joinedAt?: string,
) {
  const member = {
    id: randomUUID(),
    email: person.email,
    name: person.name,
    locale: ctx.locale,
    customer_id: customerId,
    email_status: status,
    source: 'import' as const,
    created_at: joinedAt ?? ctx.now,
    confirmed_at: status === 'subscribed' ? ctx.now : null,
    unsubscribed_at: status === 'unsubscribed' ? ctx.now : null,
    updated_at: ctx.now,
  };
  await ctx.trx.insertInto('members').values(member).execute();
  return { id: member.id, email_status: status, customer_id: customerId };
}

/** The proof of an opt-in made on the platform: where it came from, and when it was imported. */
async function recordImportedConsent(ctx: ApplyContext, memberId: string): Promise<void> {
  const day = ctx.now.slice(0, 10);
  await ctx.trx
    .insertInto('member_consents')
    .values({
      id: randomUUID(),
      member_id: memberId,
      purpose: 'newsletter',
      text: `Imported from ${ctx.platform} export on ${day}`,
      text_version: `import-${ctx.source}`,
      locale: ctx.locale,
      ip: null,
      user_agent: null,
      source: 'import',
      given_at: ctx.now,
      confirmed_at: ctx.now,
      withdrawn_at: null,
    })
    .execute();
}
