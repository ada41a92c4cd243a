import { randomUUID } from 'node:crypto';
import type { Order, Withdrawal, WithdrawalRefund } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { formatDateTime, isLocale } from '../../web/i18n.js';
import { recordAudit } from '../admin/audit.js';
import { findOrder } from '../checkout/queries.js';
import { queueEmail } from '../email/queue-email.js';
import { refundOrder } from '../payments/refund-order.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { WITHDRAW_PATH } from './links.js';
import { findOrderByNumberAndEmail, findWithdrawal, loadWithdrawalView } from './withdrawal-queries.js';
import { CONFIRM_LINK_DAYS, signWithdrawalConfirmToken } from './withdrawal-token.js';

export type WithdrawResult =
  | { kind: 'withdrawn'; receivedAt: string; refund: WithdrawalRefund }
  | { kind: 'not-withdrawable' };

const localeOf = (order: Order) => (isLocale(order.locale) ? order.locale : 'en');

/**
 * § 356a BGB, with the order's own link (thank-you page, library: the access
 * key shows it is the buyer): records the declaration (one per order:
 * UNIQUE(order_id), so a second click is the same withdrawal), queues the
 * confirmation with the time of receipt (the durable medium) and carries it
 * out at once: a paid order is refunded, an unpaid one ends. A declaration
 * made earlier on the public form and not yet confirmed is carried out with
 * its own time of receipt. The right was checked from the data (period,
 * consent, delivery), so there is nothing for the creator to decide; a refund
 * the provider refuses is marked `failed` and listed for the creator.
 */
export async function withdrawOrder(
  services: Services,
  order: Order,
  source: 'link',
  now: Date = new Date(),
): Promise<WithdrawResult> {
  const { db } = services.database;
  const existing = await findWithdrawal(db, order.id);
  if (existing) {
    const done = await carryOutWithdrawal(services, existing, now);
    return done
      ? { kind: 'withdrawn', receivedAt: done.receivedAt, refund: done.refund }
      : { kind: 'not-withdrawable' };
  }
  const view = await loadWithdrawalView(db, order, now);
  if (view.state.kind !== 'open') return { kind: 'not-withdrawable' };
  const receivedAt = isoNow(now);
  const locale = localeOf(order);
  const { timeZone } = await getStoreSettings(services.database.db);
  const inserted = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('withdrawals')
      .values({
        id: randomUUID(),
        order_id: order.id,
        email: order.email,
        source,
        refund: 'none',
        received_at: receivedAt,
        confirmed_at: null,
      })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await queueEmail(trx, {
      to: order.email,
      locale,
      template: 'withdrawal-received',
      data: {
        number: order.number,
        titles: view.titles.join(', '),
        date: formatDateTime(receivedAt, locale, timeZone, { zone: true }),
      },
      uniqueKey: `withdrawal:${order.id}`,
    });
    return true;
  });
  if (inserted) services.nudgeWorker();
  // Inserted here or by a parallel click: either way it is carried out once.
  return withdrawOrder(services, order, source, now);
}

export type Declaration = { number: string; email: string };

/**
 * § 356a BGB on the public form, where anyone may type an email address and
 * an order number. The declaration is received now and, when number and
 * address belong to an order, recorded with this time of receipt (which
 * counts for the period); the confirmation of receipt goes at once to the
 * address stored with the order, never to one typed here. For an order that
 * can be withdrawn it carries the link that carries the withdrawal out
 * (refund, end of access), since only the buyer's mailbox receives it; for
 * one that cannot, it says why. It runs in the `legal.withdrawal-declared`
 * job, after the page has answered the same for every input; `now` is the
 * time of receipt, so the period is judged at that moment.
 */
export async function declareWithdrawal(
  services: Services,
  declaration: Declaration,
  now: Date = new Date(),
): Promise<{ receivedAt: string }> {
  const { db } = services.database;
  const receivedAt = isoNow(now);
  const order = await findOrderByNumberAndEmail(db, declaration.number, declaration.email);
  if (!order) return { receivedAt };
  const view = await loadWithdrawalView(db, order, now);
  const locale = localeOf(order);
  const { timeZone } = await getStoreSettings(db);
  const titles = view.titles.join(', ');
  // One email per order and hour, however often the form is sent.
  const slot = receivedAt.slice(0, 13);
  if (view.state.kind === 'withdrawn') return { receivedAt };
  if (view.state.kind !== 'open' && !view.pending) {
    const reason = view.state.kind;
    await queueEmail(db, {
      to: order.email,
      locale,
      template: 'withdrawal-not-possible',
      data: {
        number: order.number,
        titles,
        date: formatDateTime(receivedAt, locale, timeZone, { zone: true }),
        reason,
        endedAt: view.state.kind === 'expired' ? formatDateTime(view.state.endedAt, locale, timeZone) : '',
      },
      uniqueKey: `withdrawal-not-possible:${order.id}:${slot}`,
    });
    services.nudgeWorker();
    return { receivedAt };
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('withdrawals')
      .values({
        id: randomUUID(),
        order_id: order.id,
        email: order.email,
        source: 'form',
        refund: 'none',
        received_at: receivedAt,
        confirmed_at: null,
      })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .execute();
    // A repeated declaration is the same one: the first time of receipt counts.
    const w = await trx
      .selectFrom('withdrawals')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    if (w.confirmed_at) return;
    const token = signWithdrawalConfirmToken(services.config.sessionSecret, w.id, now.getTime());
    await queueEmail(trx, {
      to: order.email,
      locale,
      template: 'withdrawal-declared',
      data: {
        number: order.number,
        titles,
        date: formatDateTime(w.received_at, locale, timeZone, { zone: true }),
        url: `${services.config.publicUrl}${withdrawConfirmPath(w.id, token)}`,
        days: CONFIRM_LINK_DAYS,
      },
      uniqueKey: `withdrawal-declared:${order.id}:${slot}`,
    });
    await recordAudit(trx, `customer:${order.email}`, 'order.withdrawal-declared', {
      orderId: order.id,
      number: order.number,
      receivedAt: w.received_at,
    });
  });
  services.nudgeWorker();
  return { receivedAt };
}

export function withdrawConfirmPath(withdrawalId: string, token: string): string {
  return `${WITHDRAW_PATH}/confirm/${withdrawalId}?t=${encodeURIComponent(token)}`;
}

export type CarriedOut = { order: Order; receivedAt: string; refund: WithdrawalRefund; now: boolean };

/**
 * Carries out a recorded withdrawal exactly once (guarded UPDATE on
 * `confirmed_at`): the timeline event, an unpaid order ends, a paid one is
 * refunded in full (which ends access). Whether the right existed was decided
 * when the declaration was received. A second call reports the first result.
 */
export async function carryOutWithdrawal(
  services: Services,
  withdrawal: Withdrawal,
  now: Date = new Date(),
): Promise<CarriedOut | undefined> {
  const { db } = services.database;
  const order = await findOrder(db, withdrawal.order_id);
  if (!order) return undefined;
  const paid = order.status === 'paid';
  const confirmedAt = isoNow(now);
  const won = await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('withdrawals')
      .set({ confirmed_at: confirmedAt, refund: paid ? 'failed' : 'none' })
      .where('id', '=', withdrawal.id)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    // An unpaid order ends here; should its payment still arrive, the withdrawal gate returns it.
    await services.orders.recordWithdrawal(trx, order, {
      source: withdrawal.source,
      receivedAt: withdrawal.received_at,
      confirmedAt,
    });
    await recordAudit(trx, `customer:${order.email}`, 'order.withdrawn', { orderId: order.id, number: order.number });
    return true;
  });
  if (!won) {
    const current = await findWithdrawal(db, order.id);
    return { order, receivedAt: withdrawal.received_at, refund: current?.refund ?? 'none', now: false };
  }
  if (!paid) return { order, receivedAt: withdrawal.received_at, refund: 'none', now: true };
  let refund: WithdrawalRefund = 'failed';
  try {
    refund = (await refundOrder(services, order.id, 'withdrawal')) === 'ok' ? 'refunded' : 'failed';
  } catch (err) {
    services.log.error({ err, orderId: order.id }, 'refund after withdrawal failed');
  }
  await db.updateTable('withdrawals').set({ refund }).where('id', '=', withdrawal.id).execute();
  return { order, receivedAt: withdrawal.received_at, refund, now: true };
}
