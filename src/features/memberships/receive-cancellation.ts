import { randomUUID } from 'node:crypto';
import type { CancellationKind } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { formatDateTime, type Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { queueEmail } from '../email/queue-email.js';
import { normaliseEmail } from './access.js';
import { cancelAtPeriodEnd } from './cancel-subscription.js';
import { findSubscription } from './subscriptions.js';
import { listTiers } from './tiers.js';

export type CancellationInput = {
  email: string;
  /** Which contract, as the person named it (tier name, address or reference); empty: all of the address. */
  contract: string;
  kind: CancellationKind;
  reason: string;
  /** YYYY-MM-DD or empty (earliest possible). */
  requestedEnd: string;
  locale: Locale;
  ip: string | null;
};

/**
 * § 312k BGB: a cancellation declared on the public page. It is recorded with
 * its time of receipt whatever the address; the address's subscriptions (the
 * named one, or all when none matches) end at the end of their period; the
 * confirmation with the time of receipt goes to the address at once. The page
 * answers the same for every address.
 */
export async function receiveCancellation(
  services: Services,
  input: CancellationInput,
  now: Date = new Date(),
): Promise<{ receivedAt: string }> {
  const { db } = services.database;
  const email = normaliseEmail(input.email);
  const receivedAt = now.toISOString();
  const requestId = randomUUID();
  const member = await db.selectFrom('members').select(['id', 'locale']).where('email', '=', email).executeTakeFirst();
  await db
    .insertInto('cancellation_requests')
    .values({
      id: requestId,
      email,
      member_id: member?.id ?? null,
      subscription_ref: input.contract || null,
      kind: input.kind,
      reason: input.reason,
      requested_end: input.requestedEnd || null,
      locale: input.locale,
      ip: input.ip,
      received_at: receivedAt,
    })
    .execute();

  const t = translator(input.locale);
  const ends: string[] = [];
  if (member) {
    const subs = await db
      .selectFrom('subscriptions')
      .selectAll()
      .where('member_id', '=', member.id)
      .where('status', 'in', ['active', 'past_due'])
      .execute();
    const tiers = await listTiers(db);
    const named = input.contract.trim().toLowerCase();
    const matching = named
      ? subs.filter((s) => {
          const tier = tiers.find((x) => x.id === s.tier_id);
          return s.id === named || tier?.slug === named || tier?.name.toLowerCase() === named;
        })
      : [];
    for (const s of matching.length > 0 ? matching : subs) {
      await cancelAtPeriodEnd(services, s.id, { source: 'cancellation-button', notify: false });
      const after = await findSubscription(db, s.id);
      if (!after?.cancel_at_period_end) continue;
      const tier = tiers.find((x) => x.id === s.tier_id)?.name ?? '';
      ends.push(
        t('memberships.email.received.ends', {
          tier,
          date: after.current_period_end ? formatDateTime(after.current_period_end, input.locale) : '',
        }),
      );
    }
    await db
      .updateTable('cancellation_requests')
      .set({ subscriptions_canceled: ends.length })
      .where('id', '=', requestId)
      .execute();
  }
  await queueEmail(db, {
    to: email,
    locale: input.locale,
    template: 'membership-cancellation-received',
    data: {
      email,
      receivedAt: formatDateTime(receivedAt, input.locale),
      kind: t(
        input.kind === 'extraordinary' ? 'memberships.terminate.extraordinary' : 'memberships.terminate.ordinary',
      ),
      endInfo: ends.length > 0 ? ends.join(' ') : t('memberships.email.received.none'),
    },
    uniqueKey: `cancellation:${requestId}`,
  });
  services.nudgeWorker();
  return { receivedAt };
}
