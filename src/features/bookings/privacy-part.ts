import { sql } from 'kysely';
import type { PrivacyPart } from '../privacy/privacy-part.js';

/**
 * Bookings under the subject's address: exported with their times, status
 * and answers. On erasure they stay as the orders behind them stay (and keep
 * the creator's time blocked, which was paid for), but lose the name,
 * address and answers.
 */
export const bookingsPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => ({
    bookings: await db
      .selectFrom('bookings as b')
      .innerJoin('products as p', 'p.id', 'b.product_id')
      .select([
        'p.title as session',
        'b.name',
        'b.starts_at',
        'b.ends_at',
        'b.status',
        'b.answers',
        'b.client_time_zone',
      ])
      .where('b.email', '=', address)
      .execute(),
  }),
  erase: async (trx, address, now) => {
    const r = await trx
      .updateTable('bookings')
      .set({ email: sql<string>`'erased:' || id`, name: '', answers: '{}', client_time_zone: null, updated_at: now })
      .where('email', '=', address)
      .executeTakeFirst();
    return { bookings: Number(r.numUpdatedRows) };
  },
};
