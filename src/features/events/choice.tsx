import type { Db, Product } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import type { CheckoutChoice } from '../checkout/choices.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { allSessionsChoice, bookable, holdTicket, onSale, readChoice, resolveChoice, sessionChoice } from './holds.js';
import { findEvent, listSessions, listTicketTypes } from './queries.js';
import { sessionTimeLabel } from './session-time.js';

/** The buyer's pick of an event's session and ticket type; the order holds its seats (holds.ts). */
export const eventCheckoutChoice: CheckoutChoice = {
  kind: 'event',
  field: (db, product, ctx, state) => EventChoiceField(db, product, ctx, state),
  async price(db, product, choice, now) {
    const picked = readChoice(choice);
    const resolved = picked && (await resolveChoice(db, product, picked, now));
    if (!resolved) return { ok: false, error: 'choice-unavailable' };
    // The order line names the session in the store's language and time zone (receipt, invoice, order list).
    const only = resolved.sessions.length === 1 ? resolved.sessions[0] : undefined;
    const store = await getStoreSettings(db);
    const when = only ? `, ${sessionTimeLabel(only, store.locale, store.timeZone)}` : '';
    const title = `${product.title} — ${resolved.type.name}${when}`;
    return { ok: true, choice: { priceMinor: resolved.type.price_minor, title } };
  },
  async reserve(trx, { order, product, choice, now }) {
    const picked = readChoice(choice);
    // Checked again inside the order's transaction: a session may have been cancelled since the page was shown.
    const resolved = picked && (await resolveChoice(trx, product, picked, now));
    if (!resolved) return 'choice-unavailable';
    return holdTicket(trx, order, resolved, now);
  },
  async withdrawal(db, product) {
    const event = await findEvent(db, product.id);
    if (!event) return undefined;
    return event.withdrawal_rule === 'leisure' ? 'event' : 'service';
  },
};

/** `waitlist`: where a buyer who finds it sold out can queue for a seat. */
type Option = { value: string; label: string; note: string; disabled: boolean; waitlist?: string | undefined };

async function EventChoiceField(
  db: Db,
  product: Product,
  ctx: PageContext,
  state: { selected?: string | undefined; live: boolean },
) {
  const event = await findEvent(db, product.id);
  if (!event) return null;
  const now = isoNow();
  const [sessions, types] = await Promise.all([listSessions(db, product.id), listTicketTypes(db, product.id)]);
  const selling = types.filter((t) => onSale(t, now));
  const price = (minor: number) =>
    minor === 0 ? ctx.t('events.choice.free') : formatMoney(minor, product.currency, ctx.locale);
  const options: Option[] = [];
  const upcoming = sessions.filter((s) => s.status === 'scheduled' && s.ends_at > now);
  if (event.ticket_scope === 'session') {
    for (const s of upcoming) {
      const open = bookable(event, s, now);
      const left = s.capacity - s.taken;
      const full = state.live && open && left <= 0;
      selling.forEach((t, i) => {
        const when = sessionTimeLabel(s, ctx.locale, ctx.timeZone);
        options.push({
          value: sessionChoice(s.id, t.id),
          label: `${when} · ${t.name} · ${price(t.price_minor)}`,
          note: !open ? ctx.t('events.choice.closed') : state.live ? seatsNote(ctx, left) : '',
          disabled: !open || (state.live && left <= 0),
          waitlist: full && i === 0 ? `/events/${product.id}/waitlist?session=${s.id}` : undefined,
        });
      });
    }
  } else {
    const open = upcoming.length > 0 && upcoming.every((s) => bookable(event, s, now));
    const left = Math.min(...upcoming.map((s) => s.capacity - s.taken));
    const full = state.live && open && left <= 0;
    selling.forEach((t, i) => {
      options.push({
        value: allSessionsChoice(t.id),
        label: `${t.name} · ${price(t.price_minor)}`,
        note: !open ? ctx.t('events.choice.closed') : state.live ? seatsNote(ctx, left) : '',
        disabled: !open || (state.live && left <= 0),
        waitlist: full && i === 0 ? `/events/${product.id}/waitlist` : undefined,
      });
    });
  }
  if (options.length === 0) return <p class="muted">{ctx.t('events.choice.none')}</p>;
  const firstOpen = options.find((o) => !o.disabled)?.value;
  const selected = state.selected && options.some((o) => o.value === state.selected) ? state.selected : firstOpen;
  return (
    <fieldset class="choice-list">
      <legend>{ctx.t('checkout.choice.legend')}</legend>
      {event.ticket_scope === 'all' && (
        <ul class="choice-sessions">
          {upcoming.map((s) => (
            <li>{sessionTimeLabel(s, ctx.locale, ctx.timeZone)}</li>
          ))}
        </ul>
      )}
      {options.map((o, i) => (
        <div class="choice-option">
          <input
            type="radio"
            name="choice"
            id={`choice-${i}`}
            value={o.value}
            checked={o.value === selected}
            disabled={o.disabled}
            required
          />
          <label for={`choice-${i}`}>
            {o.label}
            {o.note && <span class="muted"> — {o.note}</span>}
          </label>
          {o.waitlist && (
            <a class="choice-waitlist" href={o.waitlist}>
              {ctx.t('events.choice.waitlist')}
            </a>
          )}
        </div>
      ))}
    </fieldset>
  );
}

function seatsNote(ctx: PageContext, left: number): string {
  if (left <= 0) return ctx.t('events.choice.soldOut');
  return left <= 10 ? ctx.t('events.choice.seatsLeft', { n: left }) : '';
}
