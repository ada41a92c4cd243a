import { type AmountProblem, readAmount } from '../../domain/money.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../admin/audit.js';
import { type RefundRequest, type RefundResult, refundOrder } from '../payments/refund-order.js';
import { findOrder } from './order-detail.js';

export type RefundFn = (
  services: Services,
  orderId: string,
  actor: string,
  request?: RefundRequest,
) => Promise<RefundResult>;

export type AdminRefundOptions = {
  services: Services;
  orderId: string;
  actor: string;
  /** Part of the remaining amount; undefined: a full refund. */
  amountMinor?: number | undefined;
  /** From the form, so a form sent twice refunds once. */
  requestId?: string | undefined;
  /** The payments feature's refund; a test passes a double. */
  refund?: RefundFn;
};

/**
 * The admin's "Refund" buttons: hands a paid order to the payments feature and
 * records the attempt and its outcome. An unpaid order is refused before any
 * provider is asked; a refund that throws counts as a provider error, so the
 * admin always gets an answer instead of a crash.
 */
export async function adminRefund({
  services,
  orderId,
  actor,
  amountMinor,
  requestId,
  refund = refundOrder,
}: AdminRefundOptions): Promise<RefundResult> {
  const { db } = services.database;
  const order = await findOrder(db, orderId);
  if (!order) return 'not-found';
  let result: RefundResult;
  if (order.status !== 'paid') {
    result = 'not-paid';
  } else if (order.provider === 'import') {
    result = 'imported';
  } else {
    try {
      result = await refund(services, orderId, actor, { amountMinor, requestId });
    } catch (err) {
      services.log.error({ err, orderId }, 'refund failed');
      result = 'provider-error';
    }
  }
  const partial = amountMinor === undefined ? {} : { amountMinor };
  await recordAudit(db, actor, 'order.refund', { orderId, number: order.number, ...partial, result });
  return result;
}

export type PartialAmount = { ok: true; minor: number } | { ok: false; error: AmountProblem | 'not-less' };

/** A partial refund as typed ("5", "4,50"): more than nothing, less than what is left (the rest is a full refund). */
export function readPartialAmount(
  text: string,
  currency: string,
  remainingMinor: number,
  locale: string,
): PartialAmount {
  const r = readAmount(text, currency, locale);
  if (!r.ok) return { ok: false, error: r.reason };
  if (r.minor <= 0) return { ok: false, error: 'invalid' };
  if (r.minor >= remainingMinor) return { ok: false, error: 'not-less' };
  return { ok: true, minor: r.minor };
}
