import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ANALYTICS_KEYS } from '../analytics/settings.js';
import { writeSetting } from '../settings/store-settings.js';
import type { HistoryContext } from './demo-history-context.js';
import type { DemoProductKey } from './demo-history-plan.js';
import { insertRows } from './demo-insert.js';

/**
 * The creator's side of the year: hours per product, 1:1 client work with
 * what it paid, the holiday, the 1:1 hourly rate to compare with, and the
 * product pages' visitor counts (stored as daily counts only, as the
 * cookie-free funnel stores them).
 */
export async function writeWorkHistory(trx: Transaction<DB>, ctx: HistoryContext): Promise<void> {
  const { plan, catalog } = ctx;
  const productId = (key: DemoProductKey) =>
    key === 'membership' ? catalog.membership.product.id : catalog.products[key].id;
  const at = (day: string) => ctx.instant(day, 20 * 60);
  const effort: Insertable<DB['effort_entries']>[] = plan.effort.map((e) => ({
    id: randomUUID(),
    product_id: productId(e.product),
    day: e.day,
    minutes: e.minutes,
    category: e.category,
    note: e.note,
    created_at: at(e.day),
  }));
  const clientWork: Insertable<DB['client_work']>[] = plan.clientWork.map((w) => ({
    id: randomUUID(),
    day: w.day,
    minutes: w.minutes,
    amount_minor: w.amountMinor,
    currency: ctx.currency,
    note: w.note,
    created_at: at(w.day),
  }));
  const views: Insertable<DB['daily_views']>[] = plan.visits.map((v) => ({
    day: v.day,
    product_id: productId(v.product),
    referrer: v.referrer,
    campaign: v.campaign,
    visitors: v.visitors,
  }));
  const checkouts: Insertable<DB['daily_checkouts']>[] = plan.checkouts.map((c) => ({
    day: c.day,
    product_id: productId(c.product),
    started: c.started,
  }));
  await insertRows(trx, 'effort_entries', effort);
  await insertRows(trx, 'client_work', clientWork);
  await insertRows(trx, 'daily_views', views);
  await insertRows(trx, 'daily_checkouts', checkouts);
  await trx
    .insertInto('leave_periods')
    .values({
      id: randomUUID(),
      start_day: plan.holiday.startDay,
      end_day: plan.holiday.endDay,
      kind: 'holiday',
      note: plan.holiday.note,
      created_at: at(plan.holiday.startDay),
    })
    .execute();
  await writeSetting(trx, ANALYTICS_KEYS.hourlyRate, String(catalog.prices.hourly));
}
