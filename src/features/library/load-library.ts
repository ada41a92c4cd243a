import type { Order, OrderItem } from '../../db/schema.js';
import { grantsAccess } from '../../order-core/status.js';
import type { Services } from '../../services.js';
import { downloadLinksForOrder, type OrderDownloads } from '../delivery/links.js';
import type { InvoiceLinkRow } from '../invoices/invoice-links.js';
import { invoicesOfOrder } from '../invoices/queries.js';
import { findPurchase, listItemsOf, listPurchases } from './queries.js';

export type LibraryOrder = {
  order: Order;
  items: OrderItem[];
  /** Fresh links; empty unless the order is paid. */
  downloads: OrderDownloads;
  /** Invoices and credit notes of the order (receipt page only). */
  invoices?: InvoiceLinkRow[];
};

type Deps = Pick<Services, 'config' | 'database'>;

/** Every purchase of the signed-in address, newest first, with items and (for paid orders) download links. */
export async function loadLibrary(services: Deps, email: string): Promise<LibraryOrder[]> {
  const { db } = services.database;
  const orders = await listPurchases(db, email);
  const items = await listItemsOf(
    db,
    orders.map((o) => o.id),
  );
  return Promise.all(
    orders.map(async (order) => ({
      order,
      items: items.filter((i) => i.order_id === order.id),
      downloads: grantsAccess(order.status) ? await downloadLinksForOrder(services, order.id) : [],
    })),
  );
}

/** One purchase for its receipt page; undefined when it is not this address's (the page answers 404). */
export async function loadReceipt(services: Deps, email: string, orderId: string): Promise<LibraryOrder | undefined> {
  const { db } = services.database;
  const order = await findPurchase(db, email, orderId);
  if (!order) return undefined;
  const items = await listItemsOf(db, [order.id]);
  const downloads = grantsAccess(order.status) ? await downloadLinksForOrder(services, order.id) : [];
  const invoices = await invoicesOfOrder(db, order.id);
  return { order, items, downloads, invoices };
}
