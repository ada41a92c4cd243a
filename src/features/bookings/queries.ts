import type { Booking, BookingType, Db } from '../../db/schema.js';

export async function findBookingType(db: Db, productId: string): Promise<BookingType | undefined> {
  return db.selectFrom('booking_types').selectAll().where('product_id', '=', productId).executeTakeFirst();
}

export async function bookingsOfOrder(db: Db, orderId: string, statuses: Booking['status'][]): Promise<Booking[]> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('status', 'in', statuses)
    .execute();
}

/** A held or confirmed booking whose block overlaps [start, end), other than `except`. */
export async function overlappingBooking(
  db: Db,
  block: { start: string; end: string },
  except?: string,
): Promise<boolean> {
  let q = db
    .selectFrom('bookings')
    .select('id')
    .where('status', 'in', ['held', 'confirmed'])
    .where('block_start', '<', block.end)
    .where('block_end', '>', block.start);
  if (except) q = q.where('id', '!=', except);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}
