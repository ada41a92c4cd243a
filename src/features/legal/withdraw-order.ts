import { randomUUID } from 'node:crypto';
import type { Order, WithdrawalRefund } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { formatDateTime, isLocale } from '../../web/i18n.js';
import { recordAudit } from '../admin/audit.js';
import { recordOrderEvent } from '../checkout/order-events.js';
import { expireOrder } from '../checkout/order-transitions.js';
import { queueEmail } from '../email/queue-email.js';
import { refundOrder } from '../payments/refund-order.js';
import { findWithdrawal, loadWithdrawalView } from './withdrawal-queries.js';

export type WithdrawResult =
  | { kind: 'withdrawn'; receivedAt: string; refund: WithdrawalRefund }
  | { kind: 'not-withdrawable' };

/**
 * § 356a BGB: records the declaration (one per order: UNIQUE(order_id), so a
 * second click is the same withdrawal), puts it on the order's timeline, queues
 * the confirmation with the time of receipt (the durable medium), then refunds a
 * paid order at once. The right was checked from the data (period, consent,
 * delivery), so there is nothing for the creator to decide; a refund the
 * provider refuses is marked `failed` and listed for the creator.
 */
export async function withdrawOrder(
  services: Services,
  order: Order,
  source: 'form' | 'link',
  now: Date = new Date(),
): Promise<WithdrawResult> {
  const { db } = services.database;
  const view = await loadWithdrawalView(db, order, now);
  if (view.state.kind === 'withdrawn') {
    const existing = await findWithdrawal(db, order.id);
    return { kind: 'withdrawn', receivedAt: view.state.receivedAt, refund: existing?.refund ?? 'none' };
  }
  if (view.state.kind !== 'open') return { kind: 'not-withdrawable' };
  const receivedAt = isoNow(now);
  const locale = isLocale(order.locale) ? order.locale : 'en';
  const paid = order.status === 'paid';
  const inserted = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('withdrawals')
      .values({
        id: randomUUID(),
        order_id: order.id,
        email: order.email,
        source,
        refund: paid ? 'failed' : 'none',
        received_at: receivedAt,
      })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const emailId = await queueEmail(trx, {
      to: order.email,
      locale,
      template: 'withdrawal-received',
      data: { number: order.number, titles: view.titles.join(', '), date: formatDateTime(receivedAt, locale) },
      uniqueKey: `withdrawal:${order.id}`,
    });
    await recordOrderEvent(trx, order.id, 'withdrawn', { source, receivedAt, emailId });
    // An unpaid order ends here; should its payment still arrive, fulfilment returns it (refundIfWithdrawn).
    if (!paid) await expireOrder(trx, order);
    await recordAudit(trx, `customer:${order.email}`, 'order.withdrawn', { orderId: order.id, number: order.number });
    return true;
  });
  services.nudgeWorker();
  if (!inserted) return withdrawOrder(services, order, source, now);
  if (!paid) return { kind: 'withdrawn', receivedAt, refund: 'none' };
  let refund: WithdrawalRefund = 'failed';
  try {
    refund = (await refundOrder(services, order.id, 'withdrawal')) === 'ok' ? 'refunded' : 'failed';
  } catch (err) {
    services.log.error({ err, orderId: order.id }, 'refund after withdrawal failed');
  }
  await db.updateTable('withdrawals').set({ refund }).where('order_id', '=', order.id).execute();
  return { kind: 'withdrawn', receivedAt, refund };
}
