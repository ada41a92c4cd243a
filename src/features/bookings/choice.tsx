import type { Db, Product } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { assetUrl } from '../../web/assets.js';
import type { PageContext } from '../../web/context.js';
import { isTimeZone } from '../analytics/time-zone.js';
import type { CheckoutChoice, ChoiceDetails } from '../checkout/choices.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { loadSlotInput } from './availability.js';
import { blockOf, holdSlot, readSlotChoice, slotChoice } from './holds.js';
import { findBookingType, overlappingBooking } from './queries.js';
import { answersFrom, questionsOf } from './questions.js';
import { SlotPicker } from './slot-picker.js';
import { slotLabel } from './slot-time.js';
import { isBookable } from './slots.js';

/** The client's pick of a slot (and answers) for a session type; the order holds the slot (holds.ts). */
export const bookingCheckoutChoice: CheckoutChoice = {
  kind: 'booking',
  field: (db, product, ctx, state) => BookingChoiceField(db, product, ctx, state),
  async price(db, product, choice, now, details) {
    const picked = readSlotChoice(choice);
    const type = await findBookingType(db, product.id);
    if (!picked || !type) return { ok: false, error: 'choice-unavailable' };
    const input = await loadSlotInput(db, product.id, new Date(now));
    const slot = input && isBookable(input, picked.start);
    if (!slot) {
      const b = blockOf(type, picked.start);
      const taken = await overlappingBooking(db, { start: b.blockStart, end: b.blockEnd });
      return { ok: false, error: taken ? 'slot-taken' : 'choice-unavailable' };
    }
    if (answersFrom(questionsOf(type), details) === undefined) return { ok: false, error: 'answers-missing' };
    // The order line names the time in the store's language and zone (receipt, invoice, order list).
    const store = await getStoreSettings(db);
    const when = slotLabel(slot, store.locale, store.timeZone, { zone: true });
    // A session type has a fixed price or none (its editor offers no pay-what-you-want: there is no amount
    // to type with a slot); a product saved as one elsewhere is charged its suggested price, at least its minimum.
    const priceMinor =
      product.pricing === 'fixed'
        ? product.price_minor
        : product.pricing === 'pwyw'
          ? Math.max(product.min_price_minor, product.suggested_price_minor ?? 0)
          : 0;
    return { ok: true, choice: { priceMinor, title: `${product.title} — ${when}` } };
  },
  async reserve(trx, { order, product, choice, now, details }) {
    const picked = readSlotChoice(choice);
    const type = await findBookingType(trx, product.id);
    if (!picked || !type || picked.start <= now) return 'choice-unavailable';
    const answers = answersFrom(questionsOf(type), details);
    if (answers === undefined) return 'answers-missing';
    return holdSlot(trx, { order, type, choice: picked, answers, now });
  },
};

async function BookingChoiceField(
  db: Db,
  product: Product,
  ctx: PageContext,
  state: { selected?: string | undefined; live: boolean; details?: ChoiceDetails },
) {
  // The product page is cached: its form only leads to the live list of free times.
  if (!state.live) return <p class="muted">{ctx.t('bookings.choice.next')}</p>;
  const type = await findBookingType(db, product.id);
  const input = type && (await loadSlotInput(db, product.id, new Date(isoNow())));
  if (!type || !input) return null;
  const details = state.details ?? {};
  const zone = details.tz && isTimeZone(details.tz) ? details.tz : ctx.timeZone;
  return (
    <>
      {!details.tz && <script src={assetUrl('booking-time-zone.js')} />}
      <SlotPicker
        ctx={ctx}
        productId={product.id}
        input={input}
        zone={zone}
        from={details.from}
        selected={state.selected}
        choiceOf={(start) => slotChoice(start, zone)}
        questions={questionsOf(type)}
        answers={details}
      />
    </>
  );
}
