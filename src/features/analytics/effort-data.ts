import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The creator's records, newest first (bounded: the page lists the latest). */
export async function loadEffortRecords(db: Kysely<DB>) {
  const [products, effort, client, leave] = await Promise.all([
    db.selectFrom('products').select(['id', 'title', 'kind']).orderBy('title').execute(),
    db
      .selectFrom('effort_entries')
      .innerJoin('products', 'products.id', 'effort_entries.product_id')
      .select([
        'effort_entries.id',
        'effort_entries.day',
        'effort_entries.minutes',
        'effort_entries.category',
        'effort_entries.note',
        'products.title',
      ])
      .orderBy('effort_entries.day', 'desc')
      .limit(100)
      .execute(),
    db.selectFrom('client_work').selectAll().orderBy('day', 'desc').limit(100).execute(),
    db.selectFrom('leave_periods').selectAll().orderBy('start_day', 'desc').limit(100).execute(),
  ]);
  return { products, effort, client, leave };
}
export type EffortRecords = Awaited<ReturnType<typeof loadEffortRecords>>;
