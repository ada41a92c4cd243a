import type { Transaction } from 'kysely';
import type { DB, Db } from '../../db/schema.js';

/**
 * Art. 15 and 20 GDPR for members: the members row of the address, the proof
 * of their consents, their subscriptions with the billing history, the
 * newsletter deliveries addressed to them and their § 312k cancellation
 * declarations. Keyed by the normalised address (members.email is stored
 * normalised), then by the member's own ids.
 */
export async function exportMemberData(db: Db, address: string) {
  const members = await db.selectFrom('members').selectAll().where('email', '=', address).execute();
  const memberIds = members.map((m) => m.id);
  const noMember = memberIds.length === 0;
  const [consents, subscriptions, newsletterDeliveries, cancellations] = await Promise.all([
    noMember ? [] : db.selectFrom('member_consents').selectAll().where('member_id', 'in', memberIds).execute(),
    noMember ? [] : db.selectFrom('subscriptions').selectAll().where('member_id', 'in', memberIds).execute(),
    noMember
      ? []
      : db
          .selectFrom('post_deliveries')
          .innerJoin('posts', 'posts.id', 'post_deliveries.post_id')
          .select([
            'post_deliveries.post_id',
            'posts.title as post_title',
            'post_deliveries.status',
            'post_deliveries.error',
            'post_deliveries.sent_at',
            'post_deliveries.updated_at',
          ])
          .where('post_deliveries.member_id', 'in', memberIds)
          .orderBy('post_deliveries.updated_at')
          .execute(),
    db.selectFrom('cancellation_requests').selectAll().where('email', '=', address).execute(),
  ]);
  const subscriptionIds = subscriptions.map((s) => s.id);
  const payments =
    subscriptionIds.length === 0
      ? []
      : await db
          .selectFrom('subscription_payments')
          .selectAll()
          .where('subscription_id', 'in', subscriptionIds)
          .orderBy('period_start')
          .execute();
  return {
    members,
    memberConsents: consents,
    subscriptions,
    subscriptionPayments: payments,
    newsletterDeliveries,
    cancellations,
  };
}

/**
 * Art. 17 GDPR for members: the name goes, consents and tokens are deleted,
 * no more emails (unsubscribed), the newsletter deliveries to the member are
 * deleted. Subscriptions and their billing stay (their orders are locked for
 * the retention period like any order); the address stays only where a
 * subscription needs it, otherwise it is replaced by a placeholder that keeps
 * the row unique. Returns how many member rows were erased.
 */
export async function eraseMemberData(trx: Transaction<DB>, address: string, now: string): Promise<number> {
  const members = await trx.selectFrom('members').select('id').where('email', '=', address).execute();
  for (const { id } of members) {
    await trx.deleteFrom('member_consents').where('member_id', '=', id).execute();
    await trx.deleteFrom('member_tokens').where('member_id', '=', id).execute();
    await trx.deleteFrom('post_deliveries').where('member_id', '=', id).execute();
    const billed = await trx.selectFrom('subscriptions').select('id').where('member_id', '=', id).executeTakeFirst();
    await trx
      .updateTable('members')
      .set({
        name: '',
        email_status: 'unsubscribed',
        unsubscribed_at: now,
        updated_at: now,
        ...(billed ? {} : { email: `erased-${id}@erased.invalid`, customer_id: null }),
      })
      .where('id', '=', id)
      .execute();
  }
  return members.length;
}
