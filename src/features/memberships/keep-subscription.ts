import { createHash, createHmac } from 'node:crypto';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../admin/audit.js';
import { resumeSubscription } from './cancel-subscription.js';
import { CANCEL_CONTRACTS_PATH } from './links.js';
import { findSubscription } from './subscriptions.js';
import { findTier } from './tiers.js';

export const KEEP_PURPOSE = 'keep';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The "this was not me: keep it" token for one subscription canceled by one
 * declaration: derived from the server's secret, so a rerun of the job makes
 * the same link; only its SHA-256 is stored (member_tokens), used once.
 */
export function keepToken(secret: string, requestId: string, subscriptionId: string): string {
  return createHmac('sha256', secret).update(`keep:${requestId}:${subscriptionId}`).digest('base64url');
}

/** Where a keep link leads. */
export function keepPath(token: string): string {
  return `${CANCEL_CONTRACTS_PATH}/keep/${token}`;
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
