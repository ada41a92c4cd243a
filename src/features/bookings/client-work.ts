import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { translator } from '../../web/messages.js';
import { utcToLocalInput } from '../posts/local-time.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { bookingClientWorkJob } from './hold-job-contracts.js';

const HOUR_MS = 3600_000;

/**
 * A held 1:1 session is 1:1 work with its income: once its time has passed,
 * a confirmed booking is recorded in `client_work` (the session with its
 * buffers as hours, the order's amount without VAT and refunds as income),
 * so the leverage figures compare 1:1 and 1:n without typing. One row per
 * booking (its id is the key).
 */
export async function recordHeldBookings(db: Db, now: string = isoNow()): Promise<number> {
  const held = await db
    .selectFrom('bookings as b')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .leftJoin('orders as o', 'o.id', 'b.order_id')
    .leftJoin('client_work as w', (j) => j.on('w.id', '=', sql<string>`'booking:' || b.id`))
    .select(['b.id', 'b.starts_at', 'b.block_start', 'b.block_end', 'p.title', 'p.currency'])
    .select(['o.total_minor', 'o.tax_minor', 'o.refunded_minor', 'o.currency as order_currency'])
    .where('b.status', '=', 'confirmed')
    .where('b.ends_at', '<=', now)
    .where('w.id', 'is', null)
    .execute();
  if (held.length === 0) return 0;
  const { timeZone, locale } = await getStoreSettings(db);
  const t = translator(locale);
  for (const b of held) {
    // What was kept, without its VAT (a partial refund took its share of the VAT with it).
    const total = b.total_minor ?? 0;
    const kept = total - (b.refunded_minor ?? 0);
    const net = total > 0 ? Math.round((kept * (total - (b.tax_minor ?? 0))) / total) : 0;
    await db
      .insertInto('client_work')
      .values({
        id: `booking:${b.id}`,
        day: utcToLocalInput(b.starts_at, timeZone).slice(0, 10),
        minutes: Math.round((Date.parse(b.block_end) - Date.parse(b.block_start)) / 60_000),
        amount_minor: Math.max(0, net),
        currency: b.order_currency ?? b.currency,
        note: t('bookings.work.note', { type: b.title }),
        created_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  return held.length;
}

function hourKey(d: Date): string {
  return `booking-client-work:${d.toISOString().slice(0, 13)}`;
}

export const bookingClientWorkHandler = handleJob(bookingClientWorkJob, async (_payload, { db }) => {
  await recordHeldBookings(db);
  await scheduleClientWork(db, new Date(Date.now() + HOUR_MS));
});

/** Called at start and by each run; a no-op when that hour is already scheduled. */
export async function scheduleClientWork(db: Db, at: Date = new Date()): Promise<void> {
  await enqueueJob(db, bookingClientWorkJob, {}, { uniqueKey: hourKey(at), runAt: at });
}
