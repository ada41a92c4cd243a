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
  async price(db, product, choice, now, _details) {
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

/** One date (or, for a ticket to every date, the whole event) with its ticket types as radio buttons. */
type Group = {
  legend: string;
  /** Seats left, sold out or closed; empty when nothing needs saying. */
  note: string;
  options: { value: string; label: string; disabled: boolean }[];
  /** Where a buyer who finds it sold out can queue for a seat. */
  waitlist?: string | undefined;
};

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
  const upcoming = sessions.filter((s) => s.status === 'scheduled' && s.ends_at > now);
  const group = (
    legend: string,
    open: boolean,
    left: number,
    value: (typeId: string) => string,
    waitlist: string,
  ): Group => {
    // Seats left change with every sale: only a page rendered per request (the checkout) shows them.
    const full = state.live && open && left <= 0;
    return {
      legend,
      note: !open ? ctx.t('events.choice.closed') : state.live ? seatsNote(ctx, left) : '',
      options: selling.map((t) => ({
        value: value(t.id),
        label: `${t.name} · ${price(t.price_minor)}`,
        disabled: !open || full,
      })),
      waitlist: full ? waitlist : undefined,
    };
  };
  const groups: Group[] =
    event.ticket_scope === 'session'
      ? upcoming.map((s) =>
          group(
            sessionTimeLabel(s, ctx.locale, ctx.timeZone),
            bookable(event, s, now),
            s.capacity - s.taken,
            (typeId) => sessionChoice(s.id, typeId),
            `/events/${product.id}/waitlist?session=${s.id}`,
          ),
        )
      : upcoming.length === 0
        ? []
        : [
            group(
              ctx.t('events.choice.allDates', { n: upcoming.length }),
              upcoming.every((s) => bookable(event, s, now)),
              Math.min(...upcoming.map((s) => s.capacity - s.taken)),
              (typeId) => allSessionsChoice(typeId),
              `/events/${product.id}/waitlist`,
            ),
          ];
  const all = groups.flatMap((g) => g.options);
  if (all.length === 0) return <p class="muted">{ctx.t('events.choice.none')}</p>;
  const selected = all.some((o) => o.value === state.selected) ? state.selected : all.find((o) => !o.disabled)?.value;
  let n = 0;
  return (
    <fieldset class="event-choice">
      <legend>{ctx.t('checkout.choice.legend')}</legend>
      {groups.map((g) => (
        <fieldset class="event-choice-group">
          <legend>
            {g.legend}
            {g.note && <span class="event-choice-note"> — {g.note}</span>}
          </legend>
          {g.options.map((o) => {
            const id = `choice-${n++}`;
            return (
              <div class="check event-choice-option">
                <input
                  type="radio"
                  name="choice"
                  id={id}
                  value={o.value}
                  checked={o.value === selected}
                  disabled={o.disabled}
                  required
                />
                <label for={id}>{o.label}</label>
              </div>
            );
          })}
          {g.waitlist && (
            <a class="event-choice-waitlist" href={g.waitlist}>
              {ctx.t('events.choice.waitlist')}
            </a>
          )}
        </fieldset>
      ))}
    </fieldset>
  );
}

function seatsNote(ctx: PageContext, left: number): string {
  if (left <= 0) return ctx.t('events.choice.soldOut');
  return left <= 10 ? ctx.t('events.choice.seatsLeft', { n: left }) : '';
}
