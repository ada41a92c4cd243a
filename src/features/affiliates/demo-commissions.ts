import type { Order } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { hasDebtorAccount, readPayoutSettings, savePayoutSettings } from '../affiliate-payouts/payout-settings.js';
import { createSepaBatch, markPayoutsPaid } from '../affiliate-payouts/payouts.js';
import { runPayouts } from '../affiliate-payouts/run-payouts.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { approveDueCommissions } from './approve.js';
import { DEMO_AFFILIATES } from './demo.js';
import { recordSaleCommissions, reverseForPartialRefund, reverseForRefund } from './order-ledger.js';

/** Every n-th paid download or course order of the history is a partner's (about 5 %). */
const EVERY = 20;
/** Who the audit log says made the demo's past SEPA file and marked it paid. */
const DEMO_ACTOR = 'demo';

type Step = { at: string; run: () => Promise<unknown> };

/**
 * The demo partners' commissions on the history's orders, written by the
 * ledger's own functions at the time each thing happened: the sale's pending
 * entry when the order was paid, its reversal when it was refunded, the
 * approvals when holds ended, and last month's payout run in between. Once
 * only: nothing happens when the demo partners already have entries, or are
 * missing.
 */
export async function addDemoCommissions(services: Services, now: Date): Promise<{ orders: number }> {
  const { db } = services.database;
  const partners = await db
    .selectFrom('affiliates')
    .select(['id', 'email'])
    .where(
      'email',
      'in',
      DEMO_AFFILIATES.map((a) => a.email),
    )
    .orderBy('email')
    .execute();
  if (partners.length === 0) return { orders: 0 };
  const written = await db
    .selectFrom('affiliate_commission_entries')
    .select('id')
    .where(
      'affiliate_id',
      'in',
      partners.map((p) => p.id),
    )
    .limit(1)
    .executeTakeFirst();
  if (written) return { orders: 0 };
  const orders = await attributableOrders(services, now);
  const picked = orders.filter((_, i) => i % EVERY === EVERY - 1);
  if (picked.length === 0) return { orders: 0 };
  // Lena brings three of every four: one partner clearly leads the table.
  const lena = partners.find((p) => p.email === DEMO_AFFILIATES[0].email) ?? partners[0]!;
  const other = partners.find((p) => p.id !== lena.id) ?? lena;
  const byIndex = (i: number) => (i % 4 === 3 ? other : lena);
  await db
    .insertInto('order_attributions')
    .values(
      picked.map((o, i) => ({
        order_id: o.id,
        affiliate_id: byIndex(i).id,
        source: i % 5 === 2 ? ('coupon' as const) : ('link' as const),
        created_at: o.created_at,
      })),
    )
    .execute();
  const payoutAt = lastPayoutRun(now);
  const steps: Step[] = [];
  for (const o of picked) {
    const paidAt = o.paid_at as string;
    steps.push({ at: paidAt, run: () => recordSaleCommissions(db, o, new Date(paidAt)) });
    const refundedAt = o.refunded_at;
    if (refundedAt && o.refunded_minor > 0)
      steps.push({
        at: refundedAt,
        run: () =>
          o.refunded_minor >= o.total_minor
            ? reverseForRefund(db, o, new Date(refundedAt))
            : reverseForPartialRefund(db, o, o.refunded_minor, new Date(refundedAt)),
      });
  }
  steps.push({
    at: payoutAt.toISOString(),
    run: async () => {
      await approveDueCommissions(db, payoutAt);
      const run = await runPayouts(db, { publicUrl: services.config.publicUrl, now: payoutAt });
      if (!run.ok) return;
      await markSentBackThen(services, run.created, payoutAt);
      await payBackThen(services, run.created, payoutAt);
    },
  });
  steps.sort((a, b) => a.at.localeCompare(b.at));
  for (const s of steps) await s.run();
  await approveDueCommissions(db, now);
  return { orders: picked.length };
}

/**
 * The run queued each partner its payout email; in the demo's past it went
 * out on the day of the run (to the outbox), so no job sends it now.
 */
async function markSentBackThen(services: Services, payoutIds: string[], at: Date): Promise<void> {
  const { db } = services.database;
  const sentAt = at.toISOString();
  for (const id of payoutIds) {
    const job = await db
      .deleteFrom('jobs')
      .where('unique_key', '=', `email:affiliate-payout:${id}`)
      .returning('payload')
      .executeTakeFirst();
    const emailId = job ? (JSON.parse(job.payload) as { emailId?: string }).emailId : undefined;
    if (!emailId) continue;
    await db
      .updateTable('emails')
      .set({
        status: 'sent',
        transport: 'outbox',
        message_id: `<${emailId}@outbox.vielfach>`,
        created_at: sentAt,
        sent_at: sentAt,
      })
      .where('id', '=', emailId)
      .execute();
  }
}

/**
 * The creator paid that run: the store's account in the payout settings, a
 * SEPA file the next day, marked paid two days later (the features' own
 * functions, at those times).
 */
async function payBackThen(services: Services, payoutIds: string[], at: Date): Promise<void> {
  const { db } = services.database;
  if (payoutIds.length === 0) return;
  const settings = await readPayoutSettings(db);
  if (!hasDebtorAccount(settings)) {
    const { storeName } = await getStoreSettings(db);
    await savePayoutSettings(db, {
      ...settings,
      debtorName: storeName,
      debtorIban: 'DE02120300000000202051',
      debtorBic: 'BYLADEM1001',
    });
  }
  const day = (n: number) => new Date(at.getTime() + n * 86_400_000);
  const file = await createSepaBatch(db, { payoutIds, actor: DEMO_ACTOR, now: day(1) });
  if (file.ok) await markPayoutsPaid(db, { payoutIds, actor: DEMO_ACTOR, now: day(3) });
}

/** Paid (possibly refunded since) download and course orders that cost something, oldest first. */
async function attributableOrders(services: Services, now: Date): Promise<Order[]> {
  return services.database.db
    .selectFrom('orders')
    .selectAll('orders')
    .where('orders.status', 'in', ['paid', 'refunded'])
    .where('orders.total_minor', '>', 0)
    .where('orders.paid_at', '<', now.toISOString())
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('order_items')
          .innerJoin('products', 'products.id', 'order_items.product_id')
          .select('order_items.id')
          .whereRef('order_items.order_id', '=', 'orders.id')
          .where('products.kind', 'in', ['download', 'course']),
      ),
    )
    .orderBy('orders.paid_at')
    .orderBy('orders.total_minor')
    .execute();
}

/** The monthly run (06:00 UTC on the 1st) that last happened before `now`. */
function lastPayoutRun(now: Date): Date {
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 6));
  return thisMonth < now ? thisMonth : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1, 6));
}
