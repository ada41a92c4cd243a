import type { Order, OrderItem } from '../../../db/schema.js';

export type StripeLineItem = {
  quantity: number;
  price_data: { currency: string; unit_amount: number; product_data: { name: string } };
};

/**
 * Checkout Session lines from our own priced order (never from the client):
 * each item at its price after discount. An item whose total does not divide
 * by its quantity is sent as one line; if the lines do not add up to the
 * order total, one line for the whole order is sent instead.
 */
export function lineItemsFor(
  order: Pick<Order, 'currency' | 'total_minor' | 'number'>,
  items: Pick<OrderItem, 'title' | 'quantity' | 'total_minor'>[],
): StripeLineItem[] {
  const currency = order.currency.toLowerCase();
  const line = (name: string, quantity: number, unit: number): StripeLineItem => ({
    quantity,
    price_data: { currency, unit_amount: unit, product_data: { name: name.slice(0, 250) || order.number } },
  });
  const lines = items
    .filter((i) => i.total_minor > 0)
    .map((i) =>
      i.quantity > 1 && i.total_minor % i.quantity === 0
        ? line(i.title, i.quantity, i.total_minor / i.quantity)
        : line(i.quantity > 1 ? `${i.title} × ${i.quantity}` : i.title, 1, i.total_minor),
    );
  const sum = lines.reduce((s, l) => s + l.quantity * l.price_data.unit_amount, 0);
  return sum === order.total_minor && lines.length > 0 ? lines : [line(`Order ${order.number}`, 1, order.total_minor)];
}

/** Stripe accepts a session expiry between 30 minutes and 24 hours ahead; ours follows the order's expiry. */
export function checkoutExpiresAt(nowMs: number, orderExpiryMinutes: number): number {
  const seconds = Math.min(Math.max(orderExpiryMinutes * 60, 31 * 60), 24 * 3600 - 60);
  return Math.floor(nowMs / 1000) + seconds;
}
