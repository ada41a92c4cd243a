import type { Services } from '../../services.js';
import { recordAudit } from '../admin/audit.js';
import { type RefundResult, refundOrder } from '../payments/refund-order.js';
import { findOrder } from './order-detail.js';

export type RefundFn = (services: Services, orderId: string, actor: string) => Promise<RefundResult>;

export type AdminRefundOptions = {
  services: Services;
  orderId: string;
  actor: string;
  /** The payments feature's refund; a test passes a double. */
  refund?: RefundFn;
};

/**
 * The admin's "Refund" button: hands a paid order to the payments feature and
 * records the attempt and its outcome. An unpaid order is refused before any
 * provider is asked; a refund that throws counts as a provider error, so the
 * admin always gets an answer instead of a crash.
 */
export async function adminRefund({
  services,
  orderId,
  actor,
  refund = refundOrder,
}: AdminRefundOptions): Promise<RefundResult> {
  const { db } = services.database;
  const order = await findOrder(db, orderId);
  if (!order) return 'not-found';
  let result: RefundResult;
  if (order.status !== 'paid') {
    result = 'not-paid';
  } else {
    try {
      result = await refund(services, orderId, actor);
    } catch (err) {
      services.log.error({ err, orderId }, 'refund failed');
      result = 'provider-error';
    }
  }
  await recordAudit(db, actor, 'order.refund', { orderId, number: order.number, result });
  return result;
}
