import type { Services } from '../../services.js';
import { recordAudit } from '../admin/audit.js';
import { queueReceiptEmail } from '../checkout/receipt.js';
import { findOrder } from './order-detail.js';

export type SendReceiptFn = (
  services: Services,
  orderId: string,
  opts: { resend?: boolean },
) => Promise<string | undefined>;

export type ResendReceiptOptions = {
  services: Services;
  orderId: string;
  actor: string;
  /** The checkout's receipt email; a test passes a double. */
  send?: SendReceiptFn;
};

/** The admin's "Resend receipt": another receipt with fresh download links, for paid orders only. */
export async function resendReceipt({
  services,
  orderId,
  actor,
  send = queueReceiptEmail,
}: ResendReceiptOptions): Promise<'ok' | 'not-found' | 'not-paid' | 'imported'> {
  const order = await findOrder(services.database.db, orderId);
  if (!order) return 'not-found';
  if (order.status !== 'paid') return 'not-paid';
  // The platform it was bought on sent the receipt; ours would name a sale we never made.
  if (order.provider === 'import') return 'imported';
  const emailId = await send(services, orderId, { resend: true });
  if (!emailId) return 'not-paid'; // refunded in the meantime
  await recordAudit(services.database.db, actor, 'order.receipt_resent', { orderId, number: order.number, emailId });
  return 'ok';
}
