import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, Db } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';

/** Bump when the wording of `legal.checkout.consent.digital` changes: each order keeps the version it showed. */
export const DIGITAL_CONSENT_VERSION = 'digital-content-2026-06';
export const DIGITAL_CONSENT_KIND = 'digital_content';
/** Bump when the wording of `legal.checkout.consent.service` changes. */
export const SERVICE_CONSENT_VERSION = 'service-early-start-2026-11';
export const SERVICE_CONSENT_KIND = 'service_early_start';

export type OrderConsentKind = typeof DIGITAL_CONSENT_KIND | typeof SERVICE_CONSENT_KIND;

const CONSENTS = {
  [DIGITAL_CONSENT_KIND]: { version: DIGITAL_CONSENT_VERSION, key: 'legal.checkout.consent.digital' },
  [SERVICE_CONSENT_KIND]: { version: SERVICE_CONSENT_VERSION, key: 'legal.checkout.consent.service' },
} as const;

/**
 * § 356 (5) BGB: digital content sold for money needs the buyer's express
 * consent to immediate delivery; a free contract has no right of withdrawal to lose.
 */
export function needsDigitalConsent(totalMinor: number): boolean {
  return totalMinor > 0;
}

/** Stores a consent with the order, in the words the buyer saw; call it in the order's transaction. */
export async function recordOrderConsent(
  trx: Transaction<DB>,
  orderId: string,
  kind: OrderConsentKind,
  locale: Locale,
  at: string,
) {
  const c = CONSENTS[kind];
  await trx
    .insertInto('order_consents')
    .values({
      id: randomUUID(),
      order_id: orderId,
      kind,
      text_version: c.version,
      text: translator(locale)(c.key),
      locale,
      given_at: at,
    })
    .onConflict((oc) => oc.columns(['order_id', 'kind']).doNothing())
    .execute();
}

/** The § 356 (5) BGB consent (digital content). */
export function recordDigitalConsent(trx: Transaction<DB>, orderId: string, locale: Locale, at: string) {
  return recordOrderConsent(trx, orderId, DIGITAL_CONSENT_KIND, locale, at);
}

export function findDigitalConsent(db: Db, orderId: string) {
  return findOrderConsent(db, orderId, DIGITAL_CONSENT_KIND);
}

export function findOrderConsent(db: Db, orderId: string, kind: OrderConsentKind) {
  return db
    .selectFrom('order_consents')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}
