import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, EffortCategory, LeaveKind } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { ClientWorkInput } from './effort-input.js';

/** Hours the creator put into a product. */
export async function addEffortEntry(
  db: Kysely<DB>,
  e: { productId: string; day: string; minutes: number; category: EffortCategory; note: string },
): Promise<boolean> {
  const product = await db.selectFrom('products').select('id').where('id', '=', e.productId).executeTakeFirst();
  if (!product) return false;
  await db
    .insertInto('effort_entries')
    .values({
      id: randomUUID(),
      product_id: e.productId,
      day: e.day,
      minutes: e.minutes,
      category: e.category,
      note: e.note,
      created_at: isoNow(),
    })
    .execute();
  return true;
}

/** 1:1 entries (one, or many from a CSV import in one transaction). */
export async function addClientWork(db: Kysely<DB>, entries: ClientWorkInput[], currency: string): Promise<number> {
  if (entries.length === 0) return 0;
  const now = isoNow();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < entries.length; i += 200) {
      await trx
        .insertInto('client_work')
        .values(
          entries.slice(i, i + 200).map((e) => ({
            id: randomUUID(),
            day: e.day,
            minutes: e.minutes,
            amount_minor: e.amountMinor,
            currency,
            note: e.note,
            created_at: now,
          })),
        )
        .execute();
    }
  });
  return entries.length;
}

export async function addLeavePeriod(
  db: Kysely<DB>,
  p: { startDay: string; endDay: string; kind: LeaveKind; note: string },
): Promise<boolean> {
  if (p.endDay < p.startDay) return false;
  await db
    .insertInto('leave_periods')
    .values({
      id: randomUUID(),
      start_day: p.startDay,
      end_day: p.endDay,
      kind: p.kind,
      note: p.note,
      created_at: isoNow(),
    })
    .execute();
  return true;
}

const DELETABLE = { effort: 'effort_entries', client: 'client_work', leave: 'leave_periods' } as const;
export type RecordKind = keyof typeof DELETABLE;

export async function deleteRecord(db: Kysely<DB>, kind: RecordKind, id: string): Promise<void> {
  await db.deleteFrom(DELETABLE[kind]).where('id', '=', id).execute();
}
