import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, Order, OrderItem } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Entitlement } from '../../order-core/entitlements.js';
import { isLocale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { normaliseEmail } from '../memberships/access.js';
import { nextCohortId } from './cohorts.js';

/**
 * A paid order for a course enrols its buyer: one enrolment per (course,
 * address), so a rerun of fulfilment, or a second purchase, enrols once. A
 * refund or a dispute ends access (`revoked_at`, progress kept); a won
 * dispute gives back what it took. A student who was enrolled by a
 * membership and then buys keeps the row (and the progress), now held by the order.
 */
export const courseEnrolmentEntitlement: Entitlement = {
  kind: 'course',
  timelineKey: 'enrolments',
  async grant(trx, { order, items }) {
    let granted = 0;
    for (const productId of await courseProductsOf(trx, items)) {
      granted += await enrol(trx, order, productId);
    }
    return granted;
  },
  async revoke(trx, { order, at }) {
    await trx
      .updateTable('course_enrolments')
      .set({ revoked_at: at })
      .where('order_id', '=', order.id)
      .where('revoked_at', 'is', null)
      .execute();
  },
  // The receipt links each course the order enrolled its buyer in.
  async receiptLinks(db, { order, publicUrl, locale }) {
    const courses = await db
      .selectFrom('course_enrolments as e')
      .innerJoin('products as p', 'p.id', 'e.product_id')
      .select(['p.slug', 'p.title'])
      .where('e.order_id', '=', order.id)
      .where('e.revoked_at', 'is', null)
      .execute();
    const t = translator(isLocale(locale) ? locale : 'en');
    return courses.map((c) => ({
      label: c.title,
      url: `${publicUrl}/learn/${c.slug}`,
      note: t('courses.receipt.note'),
    }));
  },
  async restore(trx, { order, revokedAt }) {
    await trx
      .updateTable('course_enrolments')
      .set({ revoked_at: null })
      .where('order_id', '=', order.id)
      .where('revoked_at', '=', revokedAt)
      .execute();
  },
};

async function courseProductsOf(trx: Transaction<DB>, items: readonly OrderItem[]): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await trx
    .selectFrom('courses')
    .select('product_id')
    .where(
      'product_id',
      'in',
      items.map((i) => i.product_id),
    )
    .execute();
  return rows.map((r) => r.product_id);
}

/** Enrols the order's buyer; 1 when this call enrolled (or re-enrolled) them, 0 on a rerun. */
async function enrol(trx: Transaction<DB>, order: Order, productId: string): Promise<number> {
  const email = normaliseEmail(order.email);
  const inserted = await trx
    .insertInto('course_enrolments')
    .values({
      id: randomUUID(),
      product_id: productId,
      email,
      name: order.name,
      source: 'order',
      order_id: order.id,
      enrolled_at: isoNow(),
      first_access_at: null,
      revoked_at: null,
      cohort_id: await nextCohortId(trx, productId, new Date()),
      completed_at: null,
    })
    .onConflict((oc) => oc.columns(['product_id', 'email']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return 1;
  // Already a student (a membership, a refunded earlier order): this order now holds the place.
  const moved = await trx
    .updateTable('course_enrolments')
    .set({ order_id: order.id, source: 'order', revoked_at: null })
    .where('product_id', '=', productId)
    .where('email', '=', email)
    .where((eb) => eb.or([eb('order_id', 'is', null), eb('order_id', '!=', order.id)]))
    .executeTakeFirst();
  return Number(moved.numUpdatedRows);
}
