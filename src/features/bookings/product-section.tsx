import type { ProductSection } from '../catalog/product-section.js';
import { findBookingType } from './queries.js';

/**
 * A session type's facts on its product page: length, place and the
 * cancellation policy. Only the type's own row (it moves the content
 * version); the free times are on the live booking page.
 */
export const bookingProductSection: ProductSection = async (db, product, ctx) => {
  if (product.kind !== 'booking') return null;
  const type = await findBookingType(db, product.id);
  if (!type) return null;
  const t = ctx.t;
  return (
    <section class="booking-details" aria-labelledby="h-booking">
      <h2 id="h-booking">{t('bookings.product.title')}</h2>
      <ul>
        <li>{t('bookings.product.duration', { minutes: type.duration_minutes })}</li>
        <li>{t(`bookings.product.where.${type.location}`)}</li>
        <li>
          {type.free_cancel_hours > 0
            ? t('bookings.product.policy', { hours: type.free_cancel_hours })
            : t('bookings.product.policyAny')}
        </li>
      </ul>
    </section>
  );
};
