import type { Kysely } from 'kysely';
import type { BookingLocation, DB, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { insertDraftProduct } from '../catalog/draft-product.js';
import { setProductTax } from '../tax/product-tax.js';

/** A question asked at booking (the answers are stored with the booking). */
export type BookingQuestion = { id: string; label: string; required: boolean };

/**
 * A new session type: a draft product of kind 'booking' (free until the
 * creator prices it) of 60 minutes. Its VAT category is a personal service,
 * which also makes checkout ask for the § 356 (4) BGB early-start request.
 */
export async function createBookingType(db: Kysely<DB>, title: string, actor: string): Promise<string> {
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const { id, slug } = await insertDraftProduct(trx, { kind: 'booking', title, fallbackSlug: 'session' });
    await trx
      .insertInto('booking_types')
      .values({
        product_id: id,
        duration_minutes: 60,
        daily_cap: null,
        weekly_cap: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await setProductTax(trx, id, { category: 'personal_service', placeCountry: null });
    await recordAudit(trx, actor, 'booking-type.created', { id, slug });
    return id;
  });
}

export type BookingTypeInput = {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  dailyCap: number | null;
  weeklyCap: number | null;
  slotStepMinutes: number;
  location: BookingLocation;
  locationDetail: string;
  questions: BookingQuestion[];
  freeCancelHours: number;
};

export async function saveBookingType(db: Db, productId: string, input: BookingTypeInput): Promise<void> {
  await db
    .updateTable('booking_types')
    .set({
      duration_minutes: input.durationMinutes,
      buffer_before_minutes: input.bufferBeforeMinutes,
      buffer_after_minutes: input.bufferAfterMinutes,
      min_notice_minutes: input.minNoticeMinutes,
      horizon_days: input.horizonDays,
      daily_cap: input.dailyCap,
      weekly_cap: input.weeklyCap,
      slot_step_minutes: input.slotStepMinutes,
      location: input.location,
      location_detail: input.locationDetail,
      questions: JSON.stringify(input.questions),
      free_cancel_hours: input.freeCancelHours,
      updated_at: isoNow(),
    })
    .where('product_id', '=', productId)
    .execute();
}
