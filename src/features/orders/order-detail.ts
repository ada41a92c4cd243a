import type { Selectable } from 'kysely';
import type { Customer, Db, Order, OrderItem, OrderPaymentDetails } from '../../db/schema.js';
import type { ViesChecksTable } from '../../db/tables/tax.js';
import { findPaymentDetails } from '../payments/payment-details.js';
import { buildTimeline, emailIdsOf, type TimelineEntry } from './timeline.js';

export type DeliveryRow = {
  id: string;
  product_title: string | null;
  download_limit: number | null;
  download_count: number;
  created_at: string;
  revoked_at: string | null;
};

export type OrderDetail = {
  order: Order;
  customer: Customer | undefined;
  items: OrderItem[];
  deliveries: DeliveryRow[];
  discountCode: string | undefined;
  timeline: TimelineEntry[];
  /** The VIES consultation behind the buyer's VAT ID, if one was made. */
  vies: Selectable<ViesChecksTable> | undefined;
  /** What the payment provider reported: fee, net payout, card country. */
  payment: OrderPaymentDetails | undefined;
};

export function findOrder(db: Db, id: string): Promise<Order | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Everything the admin's order page shows, or undefined for an unknown order. */
export async function loadOrderDetail(db: Db, id: string): Promise<OrderDetail | undefined> {
  const order = await findOrder(db, id);
  if (!order) return undefined;
  const [customer, items, deliveries, code, events, vies, payment] = await Promise.all([
    db.selectFrom('customers').selectAll().where('id', '=', order.customer_id).executeTakeFirst(),
    db.selectFrom('order_items').selectAll().where('order_id', '=', id).orderBy('title').orderBy('id').execute(),
    db
      .selectFrom('deliveries')
      .leftJoin('order_items', 'order_items.id', 'deliveries.order_item_id')
      .select([
        'deliveries.id',
        'order_items.title as product_title',
        'deliveries.download_limit',
        'deliveries.download_count',
        'deliveries.created_at',
        'deliveries.revoked_at',
      ])
      .where('deliveries.order_id', '=', id)
      .orderBy('deliveries.created_at')
      .orderBy('deliveries.id')
      .execute(),
    order.discount_code_id
      ? db.selectFrom('discount_codes').select('code').where('id', '=', order.discount_code_id).executeTakeFirst()
      : undefined,
    db
      .selectFrom('order_events')
      .select(['id', 'kind', 'detail', 'created_at'])
      .where('order_id', '=', id)
      .orderBy('created_at')
      .execute(),
    order.vies_check_id
      ? db.selectFrom('vies_checks').selectAll().where('id', '=', order.vies_check_id).executeTakeFirst()
      : undefined,
    findPaymentDetails(db, id),
  ]);
  const emailIds = emailIdsOf(events);
  const emails =
    emailIds.length === 0
      ? []
      : await db
          .selectFrom('emails')
          .select(['id', 'subject', 'status', 'to_address', 'transport'])
          .where('id', 'in', emailIds)
          .execute();
  return {
    order,
    customer,
    items,
    deliveries,
    discountCode: code?.code,
    timeline: buildTimeline(events, emails),
    vies,
    payment,
  };
}
