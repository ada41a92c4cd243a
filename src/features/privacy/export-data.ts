import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { exportMemberData } from './member-data.js';

function parsed(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Art. 15 and 20 GDPR: everything stored about one email address, as JSON.
 * Every query is keyed by that address (or by its own orders), so another
 * customer's data cannot appear. The request is logged.
 */
export async function exportCustomerData(db: Kysely<DB>, email: string) {
  const address = email.trim().toLowerCase();
  const customers = await db
    .selectFrom('customers')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', address))
    .execute();
  const orderRows = await db
    .selectFrom('orders')
    .select([
      'id',
      'number',
      'email',
      'name',
      'status',
      'currency',
      'total_minor',
      'refunded_minor',
      'tax_minor',
      'tax_scheme',
      'tax_country',
      'tax_rate_bp',
      'billing_country',
      'buyer_vat_id',
      'billing_address',
      'tax_evidence',
      'vies_check_id',
      'created_at',
      'paid_at',
    ])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', address))
    .orderBy('created_at')
    .execute();
  // The billing address and the location evidence are stored as JSON: exported as data, not as strings.
  const orders = orderRows.map((o) => ({
    ...o,
    billing_address: parsed(o.billing_address),
    tax_evidence: parsed(o.tax_evidence),
  }));
  const viesIds = orderRows.flatMap((o) => (o.vies_check_id ? [o.vies_check_id] : []));
  const ids = orders.map((o) => o.id);
  const none = ids.length === 0;
  const [items, payments, deliveries, downloads, consents, withdrawals, licenceKeys, emails, requests, vies, member] =
    await Promise.all([
      none ? [] : db.selectFrom('order_items').selectAll().where('order_id', 'in', ids).execute(),
      // The card's country is location evidence about the buyer (the provider's fee is the seller's own cost).
      none
        ? []
        : db
            .selectFrom('order_payment_details')
            .select(['order_id', 'provider', 'card_country', 'created_at'])
            .where('order_id', 'in', ids)
            .execute(),
      none ? [] : db.selectFrom('deliveries').selectAll().where('order_id', 'in', ids).execute(),
      none
        ? []
        : db
            .selectFrom('downloads')
            .innerJoin('deliveries', 'deliveries.id', 'downloads.delivery_id')
            .select(['downloads.id', 'downloads.delivery_id', 'downloads.created_at', 'deliveries.order_id'])
            .where('deliveries.order_id', 'in', ids)
            .execute(),
      none ? [] : db.selectFrom('order_consents').selectAll().where('order_id', 'in', ids).execute(),
      none ? [] : db.selectFrom('withdrawals').selectAll().where('order_id', 'in', ids).execute(),
      none
        ? []
        : db
            .selectFrom('license_keys')
            .select([
              'id',
              'display_key',
              'order_id',
              'product_id',
              'activation_usage',
              'expires_at',
              'disabled_at',
              'created_at',
            ])
            .where('order_id', 'in', ids)
            .execute(),
      db
        .selectFrom('emails')
        .select(['id', 'to_address', 'subject', 'text', 'template', 'status', 'created_at', 'sent_at'])
        .where((eb) => eb(eb.fn('lower', ['to_address']), '=', address))
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('privacy_requests')
        .select(['id', 'kind', 'status', 'requested_at', 'handled_at'])
        .where('email', '=', address)
        .execute(),
      viesIds.length === 0
        ? []
        : db
            .selectFrom('vies_checks')
            .select(['id', 'vat_id', 'status', 'consultation_number', 'name', 'address', 'checked_at'])
            .where('id', 'in', viesIds)
            .execute(),
      exportMemberData(db, address),
    ]);
  const now = isoNow();
  await db
    .insertInto('privacy_requests')
    .values({
      id: randomUUID(),
      kind: 'export',
      email: address,
      source: 'customer',
      status: 'completed',
      requested_at: now,
      handled_at: now,
      handled_by: 'self-service',
    })
    .execute();
  return {
    exportedAt: now,
    email: address,
    customer: customers,
    orders,
    orderItems: items,
    payments,
    deliveries,
    downloads,
    licenceKeys,
    consents,
    withdrawals,
    emails,
    vatIdChecks: vies,
    ...member,
    privacyRequests: requests,
  };
}
