import { createHash, randomBytes } from 'node:crypto';
import type { Subscription } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { isLocale } from '../../web/i18n.js';
import { recordAudit } from '../admin/audit.js';
import { queueEmail } from '../email/queue-email.js';
import { emitWebhookEvent } from '../webhooks/emit.js';
import { queueMembershipEmail } from './membership-emails.js';
import { changeStripeCancellation, endStripeSubscriptionNow } from './stripe-billing.js';
import { nextSubscriptionState, type SubscriptionEvent } from './subscription-rules.js';
import { findSubscription, scheduleRenewal, stateOf, writeSubscriptionState } from './subscriptions.js';
import { findTier } from './tiers.js';

export type ChangeResult = 'done' | 'not-applicable' | 'not-found';

/** How long an emailed cancellation link works. */
export const CANCEL_LINK_HOURS = 24;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function memberOf(services: Services, sub: Pick<Subscription, 'member_id'>) {
  return services.database.db
    .selectFrom('members')
    .select(['id', 'email', 'locale'])
    .where('id', '=', sub.member_id)
    .executeTakeFirstOrThrow();
}

/** Applies a lifecycle event to a test-provider subscription with a guarded write. */
async function applyLocally(services: Services, sub: Subscription, event: SubscriptionEvent): Promise<boolean> {
  const r = nextSubscriptionState(stateOf(sub), event);
  if (!r.ok) return false;
  return services.database.db.transaction().execute(async (trx) => {
    if (!(await writeSubscriptionState(trx, sub, r.next))) return false;
    // The period-end job decides at its time: renew, or end a canceled subscription.
    if (r.wakeAt && r.next.currentPeriodEnd && event.type !== 'end-now')
      await scheduleRenewal(trx, sub, r.next.currentPeriodEnd, r.next.failedPayments, r.wakeAt);
    return true;
  });
}

/**
 * Cancels at the end of the paid period (access until then) and confirms by
 * email. Test provider: our rules; Stripe: `cancel_at_period_end` there, then
 * converged from Stripe. A second cancellation changes nothing.
 */
export async function cancelAtPeriodEnd(
  services: Services,
  subscriptionId: string,
  opts: { source: string; notify?: boolean },
): Promise<ChangeResult> {
  const sub = await findSubscription(services.database.db, subscriptionId);
  if (!sub) return 'not-found';
  if (sub.cancel_at_period_end || (sub.status !== 'active' && sub.status !== 'past_due')) return 'not-applicable';
  if (sub.provider === 'stripe') {
    // Keyed by the row's last change: a retry repeats this cancellation, a later one (after a resume) is new.
    await changeStripeCancellation(services, sub, true, `cancel:${sub.id}:${sub.updated_at}`);
  } else if (!(await applyLocally(services, sub, { type: 'cancel', at: isoNow() }))) {
    return 'not-applicable';
  }
  const after = (await findSubscription(services.database.db, sub.id))!;
  if (!after.cancel_at_period_end) return 'not-applicable';
  const member = await memberOf(services, sub);
  await services.database.db.transaction().execute(async (trx) => {
    if (opts.notify !== false) await queueMembershipEmail(trx, services, member, 'membership-canceled', after);
    await recordAudit(trx, member.email, 'membership.cancel', { subscription: sub.id, source: opts.source });
    await emitWebhookEvent(trx, 'member.cancelled', {
      subscription_id: sub.id,
      email: member.email,
      tier_id: sub.tier_id,
      access_until: after.current_period_end,
    });
  });
  services.nudgeWorker();
  return 'done';
}

/** Undoes a cancellation before the period ends. */
export async function resumeSubscription(services: Services, subscriptionId: string): Promise<ChangeResult> {
  const sub = await findSubscription(services.database.db, subscriptionId);
  if (!sub) return 'not-found';
  if (!sub.cancel_at_period_end || sub.status !== 'active') return 'not-applicable';
  if (sub.provider === 'stripe') {
    await changeStripeCancellation(services, sub, false, `resume:${sub.id}:${sub.updated_at}`);
    const after = (await findSubscription(services.database.db, sub.id))!;
    return after.cancel_at_period_end ? 'not-applicable' : 'done';
  }
  return (await applyLocally(services, sub, { type: 'resume', at: isoNow() })) ? 'done' : 'not-applicable';
}

/** The admin ends a subscription at once (access ends now). */
export async function endSubscriptionNow(services: Services, subscriptionId: string, actor: string) {
  const sub = await findSubscription(services.database.db, subscriptionId);
  if (!sub) return 'not-found';
  if (sub.status === 'expired') return 'not-applicable';
  const at = isoNow();
  if (sub.provider === 'stripe' && sub.provider_ref) await endStripeSubscriptionNow(services, sub);
  else if (!(await applyLocally(services, sub, { type: 'end-now', at }))) return 'not-applicable';
  const member = await memberOf(services, sub);
  await services.database.db.transaction().execute(async (trx) => {
    await recordAudit(trx, actor, 'membership.end', { subscription: sub.id });
    await emitWebhookEvent(trx, 'member.cancelled', {
      subscription_id: sub.id,
      email: member.email,
      tier_id: sub.tier_id,
      access_until: at,
    });
  });
  return 'done';
}

/**
 * Step one of the member's cancellation: an emailed single-use link
 * (member_tokens, purpose 'cancel', only its SHA-256 stored).
 */
export async function sendCancelLink(services: Services, subscriptionId: string, locale: string): Promise<boolean> {
  const { db } = services.database;
  const sub = await findSubscription(db, subscriptionId);
  if (!sub || sub.cancel_at_period_end || (sub.status !== 'active' && sub.status !== 'past_due')) return false;
  const member = await memberOf(services, sub);
  const token = randomBytes(32).toString('base64url');
  const tier = (await findTier(db, sub.tier_id))?.name ?? '';
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('member_tokens')
      .values({
        id: sha256(token),
        member_id: member.id,
        purpose: 'cancel',
        subject_id: sub.id,
        expires_at: isoIn(CANCEL_LINK_HOURS * 3600_000),
        used_at: null,
        created_at: isoNow(),
      })
      .execute();
    await queueEmail(trx, {
      to: member.email,
      locale: isLocale(locale) ? locale : 'en',
      template: 'membership-cancel-link',
      data: {
        tier,
        url: `${services.config.publicUrl}/library/membership/cancel/${token}`,
        hours: CANCEL_LINK_HOURS,
      },
    });
  });
  services.nudgeWorker();
  return true;
}

/** Whether a cancellation link can still be used (for the page behind it; using it is a POST). */
export async function isCancelLinkUsable(services: Services, token: string): Promise<boolean> {
  if (token.length > 200) return false;
  const row = await services.database.db
    .selectFrom('member_tokens')
    .select('id')
    .where('id', '=', sha256(token))
    .where('purpose', '=', 'cancel')
    .where('used_at', 'is', null)
    .where('expires_at', '>', isoNow())
    .executeTakeFirst();
  return row !== undefined;
}

/** Step two: the link is used up (guarded UPDATE: once) and the subscription canceled at period end. */
export async function confirmCancelLink(
  services: Services,
  token: string,
): Promise<{ kind: 'canceled'; endsAt: string | null } | { kind: 'invalid' }> {
  if (token.length > 200) return { kind: 'invalid' };
  const used = await services.database.db
    .updateTable('member_tokens')
    .set({ used_at: isoNow() })
    .where('id', '=', sha256(token))
    .where('purpose', '=', 'cancel')
    .where('used_at', 'is', null)
    .where('expires_at', '>', isoNow())
    .returning(['member_id', 'subject_id'])
    .executeTakeFirst();
  if (!used?.subject_id) return { kind: 'invalid' };
  const sub = await findSubscription(services.database.db, used.subject_id);
  if (!sub || sub.member_id !== used.member_id) return { kind: 'invalid' };
  await cancelAtPeriodEnd(services, sub.id, { source: 'portal' });
  const after = await findSubscription(services.database.db, sub.id);
  return { kind: 'canceled', endsAt: after?.current_period_end ?? null };
}
