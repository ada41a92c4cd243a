import { sql, type Transaction } from 'kysely';
import type { DB, Db, OrderPaymentDetails } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { ProviderPaymentDetails } from './provider.js';

const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Only what is well-formed is kept: a provider's odd value is treated as unknown, never stored as is. */
function clean(details: ProviderPaymentDetails) {
  const country = details.cardCountry?.toUpperCase();
  const fee = details.fee;
  const feeOk =
    fee &&
    Number.isSafeInteger(fee.amountMinor) &&
    fee.amountMinor >= 0 &&
    Number.isSafeInteger(fee.netMinor) &&
    CURRENCY.test(fee.currency);
  return {
    card_country: country && COUNTRY.test(country) ? country : null,
    fee_minor: feeOk ? fee.amountMinor : null,
    fee_currency: feeOk ? fee.currency : null,
    net_minor: feeOk ? fee.netMinor : null,
    balance_ref: feeOk ? (fee.ref?.slice(0, 100) ?? null) : null,
  };
}

/**
 * Stores what the provider reported, filling only what is still unknown: a
 * fee, once known, stays as first reported (its parts together), and so does
 * the card country. A repeated snapshot changes nothing and answers false; a
 * later one that brings the fee fills it and answers true.
 */
export async function savePaymentDetails(
  trx: Transaction<DB>,
  orderId: string,
  provider: string,
  details: ProviderPaymentDetails,
): Promise<boolean> {
  const v = clean(details);
  if (v.card_country === null && v.fee_minor === null) return false;
  const now = isoNow();
  const feeMissing = sql`order_payment_details.fee_minor IS NULL`;
  const fill = <T>(column: 'fee_minor' | 'fee_currency' | 'net_minor' | 'balance_ref') =>
    sql<T>`CASE WHEN ${feeMissing} THEN excluded.${sql.ref(column)} ELSE order_payment_details.${sql.ref(column)} END`;
  const r = await trx
    .insertInto('order_payment_details')
    .values({ order_id: orderId, provider, ...v, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('order_id')
        .doUpdateSet({
          card_country: sql`COALESCE(order_payment_details.card_country, excluded.card_country)`,
          fee_minor: fill<number | null>('fee_minor'),
          fee_currency: fill<string | null>('fee_currency'),
          net_minor: fill<number | null>('net_minor'),
          balance_ref: fill<string | null>('balance_ref'),
          updated_at: now,
        })
        .where((eb) =>
          eb.or([
            eb.and([
              eb('order_payment_details.fee_minor', 'is', null),
              eb(sql.ref('excluded.fee_minor'), 'is not', null),
            ]),
            eb.and([
              eb('order_payment_details.card_country', 'is', null),
              eb(sql.ref('excluded.card_country'), 'is not', null),
            ]),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findPaymentDetails(db: Db, orderId: string): Promise<OrderPaymentDetails | undefined> {
  return db.selectFrom('order_payment_details').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}
