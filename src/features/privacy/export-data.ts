import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { PrivacyPart } from './privacy-part.js';

function parsed(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Art. 15 and 20 GDPR: everything stored about one email address, as JSON:
 * the customer and orders here, the rest from each feature's privacy part
 * (`feature.ts`). Every query is keyed by that address (or by its own
 * orders), so another customer's data cannot appear. The request is logged.
 */
export async function exportCustomerData(
  db: Kysely<DB>,
  email: string,
  parts: readonly PrivacyPart[],
): Promise<Record<string, unknown>> {
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
  const who = { address, orderIds: orders.map((o) => o.id) };
  const [items, requests, ...shares] = await Promise.all([
    who.orderIds.length === 0
      ? []
      : db.selectFrom('order_items').selectAll().where('order_id', 'in', who.orderIds).execute(),
    db
      .selectFrom('privacy_requests')
      .select(['id', 'kind', 'status', 'requested_at', 'handled_at'])
      .where('email', '=', address)
      .execute(),
    ...parts.map((p) => p.export?.(db, who) ?? {}),
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
    ...Object.assign({}, ...shares),
    privacyRequests: requests,
  };
}
