import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CancellationKind } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { formatDateTime, type Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { recordAudit } from '../admin/audit.js';
import { queueEmail } from '../email/queue-email.js';
import { normaliseEmail } from './access.js';
import { cancelAtPeriodEnd, resumeSubscription } from './cancel-subscription.js';
import { CANCEL_CONTRACTS_PATH } from './links.js';
import { findSubscription } from './subscriptions.js';
import { findTier, listTiers } from './tiers.js';

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

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const KEEP_PURPOSE = 'keep';
/** Without a period end (should not happen for an active subscription), a keep link works this long. */
const KEEP_FALLBACK_MS = 30 * 24 * 3600_000;

/** Where a keep link leads; the token is single-use and only its SHA-256 is stored (member_tokens). */
export function keepPath(token: string): string {
  return `${CANCEL_CONTRACTS_PATH}/keep/${token}`;
}

/**
 * § 312k BGB: a cancellation declared on the public page, where anyone can
 * type any address. It is recorded with its time of receipt whatever the
 * address, and takes effect at once as the law wants: the address's
 * subscriptions (the named one, or all when none matches) end at the end of
 * their period, with access until then. The confirmation with the time of
 * receipt goes at once to the member's stored address (to the address as
 * typed only when no member has it), and carries, per subscription this
 * declaration canceled, a single-use "this was not me: keep it" link valid
 * until the period ends: a stranger's cancellation is undone from the
 * member's mailbox before it ever ends anything. The page answers the same
 * for every address.
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
  const member = await db
    .selectFrom('members')
    .select(['id', 'email', 'locale'])
    .where('email', '=', email)
    .executeTakeFirst();
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
  const keepLinks: { label: string; url: string }[] = [];
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
      const result = await cancelAtPeriodEnd(services, s.id, { source: 'cancellation-button', notify: false });
      const after = await findSubscription(db, s.id);
      if (!after?.cancel_at_period_end) continue;
      const tier = tiers.find((x) => x.id === s.tier_id)?.name ?? '';
      if (result === 'done') {
        // Only for what this declaration canceled: a cancellation made in the portal keeps no undo link.
        const token = randomBytes(32).toString('base64url');
        await db
          .insertInto('member_tokens')
          .values({
            id: sha256(token),
            member_id: member.id,
            purpose: KEEP_PURPOSE,
            subject_id: s.id,
            expires_at: after.current_period_end ?? isoIn(KEEP_FALLBACK_MS, now),
            used_at: null,
            created_at: receivedAt,
          })
          .execute();
        keepLinks.push({
          label: t('memberships.email.received.keepLink', { tier }),
          url: `${services.config.publicUrl}${keepPath(token)}`,
        });
      }
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
    // The member's own stored address (it matched the typed one); an unknown address gets only the receipt.
    to: member?.email ?? email,
    locale: input.locale,
    template: 'membership-cancellation-received',
    data: {
      email,
      keepLinks,
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

export type KeepResult =
  | { kind: 'confirm'; tier: string; endsAt: string | null }
  | { kind: 'kept'; tier: string; renewsAt: string | null }
  | { kind: 'ended'; tier: string }
  | { kind: 'invalid' };

async function keepTokenRow(services: Services, token: string) {
  if (token.length > 200) return undefined;
  return services.database.db
    .selectFrom('member_tokens')
    .selectAll()
    .where('id', '=', sha256(token))
    .where('purpose', '=', KEEP_PURPOSE)
    .executeTakeFirst();
}

async function outcome(services: Services, subscriptionId: string): Promise<KeepResult> {
  const sub = await findSubscription(services.database.db, subscriptionId);
  if (!sub) return { kind: 'invalid' };
  const tier = (await findTier(services.database.db, sub.tier_id))?.name ?? '';
  if (sub.status === 'active' && !sub.cancel_at_period_end)
    return { kind: 'kept', tier, renewsAt: sub.current_period_end };
  return { kind: 'ended', tier };
}

/** What the keep link's page shows (opening it changes nothing: mail scanners open links). */
export async function inspectKeepLink(services: Services, token: string): Promise<KeepResult> {
  const row = await keepTokenRow(services, token);
  if (!row?.subject_id) return { kind: 'invalid' };
  if (row.used_at) return outcome(services, row.subject_id);
  if (row.expires_at <= isoNow()) return { kind: 'invalid' };
  const sub = await findSubscription(services.database.db, row.subject_id);
  if (!sub || sub.member_id !== row.member_id) return { kind: 'invalid' };
  const tier = (await findTier(services.database.db, sub.tier_id))?.name ?? '';
  return { kind: 'confirm', tier, endsAt: sub.current_period_end };
}

/**
 * "This cancellation was not me": the link is used up with one guarded UPDATE
 * (so it acts once) and the subscription continues as before. A second use
 * reports the state without acting again.
 */
export async function keepCanceledSubscription(services: Services, token: string): Promise<KeepResult> {
  const row = await keepTokenRow(services, token);
  if (!row?.subject_id) return { kind: 'invalid' };
  const used = await services.database.db
    .updateTable('member_tokens')
    .set({ used_at: isoNow() })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', isoNow())
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) === 0) return row.used_at ? outcome(services, row.subject_id) : { kind: 'invalid' };
  const sub = await findSubscription(services.database.db, row.subject_id);
  if (!sub || sub.member_id !== row.member_id) return { kind: 'invalid' };
  if ((await resumeSubscription(services, sub.id)) === 'done') {
    const member = await services.database.db
      .selectFrom('members')
      .select('email')
      .where('id', '=', sub.member_id)
      .executeTakeFirst();
    await recordAudit(services.database.db, member?.email ?? sub.member_id, 'membership.keep', {
      subscription: sub.id,
      source: 'cancellation-button-undo',
    });
  }
  return outcome(services, sub.id);
}
