import type { PageContext } from '../../web/context.js';
import type { BookingQuestion } from './edit-booking-type.js';
import { answerField } from './questions.js';
import type { Slot, SlotInput } from './slot-types.js';
import { addDays, computeSlots, isDay, localDayOf } from './slots.js';

const ZONES = Intl.supportedValuesOf('timeZone');

/** Days shown at once; the visitor pages on by week. */
const DAYS = 7;

type Props = {
  ctx: PageContext;
  productId: string;
  input: SlotInput;
  /** The visitor's time zone: slots are listed on their clock. */
  zone: string;
  /** First day shown (YYYY-MM-DD, visitor's clock); today when absent. */
  from: string | undefined;
  selected: string | undefined;
  choiceOf: (start: string) => string;
  questions: readonly BookingQuestion[];
  answers: Readonly<Record<string, string>>;
};

/**
 * Free times as radio buttons, one group per day on the visitor's clock,
 * a week at a time; the time zone (set from the browser by a small script,
 * or picked here) and the creator's questions travel as `d.` fields.
 */
export function SlotPicker({ ctx, productId, input, zone, from, selected, choiceOf, questions, answers }: Props) {
  const t = ctx.t;
  const today = localDayOf(input.now.getTime(), zone);
  const first = from && isDay(from) && from >= today ? from : today;
  const last = addDays(first, DAYS - 1);
  // The engine counts days on the store's clock; a day either side covers every visitor's zone.
  const slots = computeSlots(input, addDays(first, -1), addDays(last, 1)).filter((s) => {
    const day = localDayOf(Date.parse(s.start), zone);
    return day >= first && day <= last;
  });
  const byDay = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = localDayOf(Date.parse(s.start), zone);
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  const dayName = new Intl.DateTimeFormat(ctx.locale === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  const time = new Intl.DateTimeFormat(ctx.locale === 'de' ? 'de-DE' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  });
  const page = (day: string) => `/checkout?product=${productId}&d.tz=${encodeURIComponent(zone)}&d.from=${day}`;
  const firstOpen = slots[0] && choiceOf(slots[0].start);
  const chosen = selected && slots.some((s) => choiceOf(s.start) === selected) ? selected : firstOpen;
  let n = 0;
  return (
    <div class="slot-picker">
      <div class="field slot-zone">
        <label for="slot-zone">{t('bookings.choice.zone')}</label>
        <div class="inline-action">
          <select id="slot-zone" name="d.tz">
            {ZONES.map((z) => (
              <option value={z} selected={z === zone}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
          {/* Shows the list again on the chosen clock instead of ordering (checkout/choices.ts: d.view). */}
          <button type="submit" name="d.view" value="1" class="secondary" formnovalidate>
            {t('bookings.choice.zoneShow')}
          </button>
        </div>
      </div>
      <fieldset class="slot-days">
        <legend>{t('bookings.choice.legend')}</legend>
        {slots.length === 0 && <p>{t('bookings.choice.none')}</p>}
        {[...byDay].map(([day, list]) => (
          <fieldset class="slot-day">
            <legend>{dayName.format(new Date(`${day}T12:00:00Z`))}</legend>
            <div class="slot-times">
              {list.map((s) => {
                const id = `slot-${n++}`;
                return (
                  <span class="slot">
                    <input
                      type="radio"
                      name="choice"
                      id={id}
                      value={choiceOf(s.start)}
                      checked={choiceOf(s.start) === chosen}
                      required
                    />
                    <label for={id}>{time.format(new Date(s.start))}</label>
                  </span>
                );
              })}
            </div>
          </fieldset>
        ))}
      </fieldset>
      <p class="slot-pages">
        {first > today && <a href={page(addDays(first, -DAYS))}>{t('bookings.choice.earlier')}</a>}
        <a href={page(addDays(first, DAYS))}>{t('bookings.choice.later')}</a>
      </p>
      {questions.map((q) => {
        const name = `d.${answerField(q)}`;
        const id = `answer-${q.id}`;
        return (
          <div class="field">
            <label for={id}>
              {q.label}
              {!q.required && ` ${t('bookings.choice.optional')}`}
            </label>
            <textarea id={id} name={name} rows={3} required={q.required}>
              {answers[answerField(q)] ?? ''}
            </textarea>
          </div>
        );
      })}
    </div>
  );
}
