import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Bump when the wording of `checkout.consent.digital` changes: each order keeps the version it showed. */
export const DIGITAL_CONSENT_VERSION = 'digital-content-2026-06';
export const DIGITAL_CONSENT_KIND = 'digital_content';

/**
 * § 356 (5) BGB: digital content sold for money needs the buyer's express
 * consent to immediate delivery; a free contract has no right of withdrawal to lose.
 */
export function needsDigitalConsent(totalMinor: number): boolean {
  return totalMinor > 0;
}

/** Stores the consent with the order, in the words the buyer saw; call it in the order's transaction. */
export async function recordDigitalConsent(trx: Transaction<DB>, orderId: string, locale: Locale, at: string) {
  await trx
    .insertInto('order_consents')
    .values({
      id: randomUUID(),
      order_id: orderId,
      kind: DIGITAL_CONSENT_KIND,
      text_version: DIGITAL_CONSENT_VERSION,
      text: translator(locale)('checkout.consent.digital'),
      locale,
      given_at: at,
    })
    .onConflict((oc) => oc.columns(['order_id', 'kind']).doNothing())
    .execute();
}

export function findDigitalConsent(db: Db, orderId: string) {
  return db
    .selectFrom('order_consents')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('kind', '=', DIGITAL_CONSENT_KIND)
    .executeTakeFirst();
}
