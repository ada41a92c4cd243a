import type { Transaction } from 'kysely';
import type { DB, Subscription } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { formatDateTime, isLocale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { findTier } from './tiers.js';

type Recipient = { email: string; locale: string };

/** Subscription news for the member, in their language, queued in the caller's transaction. */
export async function queueMembershipEmail(
  trx: Transaction<DB>,
  services: Services,
  member: Recipient,
  template: 'membership-payment-failed' | 'membership-ended' | 'membership-canceled',
  sub: Pick<Subscription, 'id' | 'tier_id' | 'current_period_end'>,
  extra: { retryAt?: string; attempt?: number; reason?: 'payment' | 'canceled' | 'admin' } = {},
): Promise<void> {
  const locale = isLocale(member.locale) ? member.locale : 'en';
  const tier = (await findTier(trx, sub.tier_id))?.name ?? '';
  const { timeZone } = await getStoreSettings(trx);
  const base = services.config.publicUrl;
  const libraryUrl = `${base}/library/membership`;
  const key = `${template}:${sub.id}:${sub.current_period_end ?? ''}:${extra.attempt ?? 0}`;
  if (template === 'membership-payment-failed') {
    const retryDate = formatDateTime(extra.retryAt ?? sub.current_period_end ?? '', locale, timeZone);
    await queueEmail(trx, {
      to: member.email,
      locale,
      template,
      data: { tier, retryDate, libraryUrl },
      uniqueKey: key,
    });
  } else if (template === 'membership-ended') {
    await queueEmail(trx, {
      to: member.email,
      locale,
      template,
      data: { tier, reason: extra.reason ?? 'canceled', membershipUrl: `${base}/membership` },
      uniqueKey: `${template}:${sub.id}`,
    });
  } else {
    await queueEmail(trx, {
      to: member.email,
      locale,
      template,
      data: {
        tier,
        endDate: formatDateTime(sub.current_period_end ?? '', locale, timeZone, { zone: true }),
        libraryUrl,
      },
      uniqueKey: key,
    });
  }
}
