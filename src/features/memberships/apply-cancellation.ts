import { isoIn } from '../../db/time.js';
import type { Services } from '../../services.js';
import { formatDateTime, isLocale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { queueEmail } from '../email/queue-email.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { cancelAtPeriodEnd } from './cancel-subscription.js';
import { KEEP_PURPOSE, keepPath, keepToken, sha256 } from './keep-subscription.js';
import { findSubscription } from './subscriptions.js';
import { listTiers } from './tiers.js';

/** Without a period end (should not happen for an active subscription), a keep link works this long. */
const KEEP_FALLBACK_MS = 30 * 24 * 3600_000;

/**
 * § 312k BGB, the effect of a cancellation received on the public page (run
 * by the `membership.cancellation-received` job, after the page answered the
 * same for every address): the address's subscriptions (the named one, or
 * all when none matches) end at the end of their period, with access until
 * then. The confirmation with the time of receipt goes to the member's stored
 * address (to the address as typed only when no member has it) and carries,
 * per subscription this declaration canceled, a single-use "this was not me:
 * keep it" link valid until the period ends, so a stranger's cancellation is
 * undone from the member's mailbox before it ends anything. Idempotent: a
 * rerun finds the subscriptions canceled, makes the same links and queues
 * the email under the same key.
 */
export async function applyCancellation(services: Services, requestId: string): Promise<void> {
  const { db } = services.database;
  const request = await db
    .selectFrom('cancellation_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!request) return;
  const locale = isLocale(request.locale) ? request.locale : 'en';
  const t = translator(locale);
  const { timeZone } = await getStoreSettings(db);
  const member = await db
    .selectFrom('members')
    .select(['id', 'email'])
    .where('email', '=', request.email)
    .executeTakeFirst();
  const ends: string[] = [];
  const keepLinks: { label: string; url: string }[] = [];
  if (member) {
    const subs = await db
      .selectFrom('subscriptions')
      .selectAll()
      .where('member_id', '=', member.id)
      .where('status', 'in', ['active', 'past_due'])
      .execute();
    const tiers = await listTiers(db);
    const named = (request.subscription_ref ?? '').trim().toLowerCase();
    const matching = named
      ? subs.filter((s) => {
          const tier = tiers.find((x) => x.id === s.tier_id);
          return s.id === named || tier?.slug === named || tier?.name.toLowerCase() === named;
        })
      : [];
    for (const s of matching.length > 0 ? matching : subs) {
      const result = await cancelAtPeriodEnd(services, s.id, { source: 'cancellation-button', notify: false });
      const after = await findSubscription(db, s.id);
      if (!after?.cancel_at_period_end) continue;
      const tier = tiers.find((x) => x.id === s.tier_id)?.name ?? '';
      ends.push(
        t('memberships.email.received.ends', {
          tier,
          date: after.current_period_end
            ? formatDateTime(after.current_period_end, locale, timeZone, { zone: true })
            : '',
        }),
      );
      // Only for what this declaration canceled (or an earlier run of it): a portal cancellation keeps no undo link.
      const token = keepToken(services.config.sessionSecret, request.id, s.id);
      if (result === 'done') {
        await db
          .insertInto('member_tokens')
          .values({
            id: sha256(token),
            member_id: member.id,
            purpose: KEEP_PURPOSE,
            subject_id: s.id,
            expires_at: after.current_period_end ?? isoIn(KEEP_FALLBACK_MS, new Date(request.received_at)),
            used_at: null,
            created_at: request.received_at,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
      const made = await db.selectFrom('member_tokens').select('id').where('id', '=', sha256(token)).executeTakeFirst();
      if (made) {
        keepLinks.push({
          label: t('memberships.email.received.keepLink', { tier }),
          url: `${services.config.publicUrl}${keepPath(token)}`,
        });
      }
    }
    await db
      .updateTable('cancellation_requests')
      .set({ member_id: member.id, subscriptions_canceled: ends.length })
      .where('id', '=', request.id)
      .execute();
  }
  await queueEmail(db, {
    // The member's own stored address (it matched the typed one); an unknown address gets only the receipt.
    to: member?.email ?? request.email,
    locale,
    template: 'membership-cancellation-received',
    data: {
      email: request.email,
      keepLinks,
      receivedAt: formatDateTime(request.received_at, locale, timeZone, { zone: true }),
      kind: t(
        request.kind === 'extraordinary' ? 'memberships.terminate.extraordinary' : 'memberships.terminate.ordinary',
      ),
      endInfo: ends.length > 0 ? ends.join(' ') : t('memberships.email.received.none'),
    },
    uniqueKey: `cancellation:${request.id}`,
  });
  services.nudgeWorker();
}
