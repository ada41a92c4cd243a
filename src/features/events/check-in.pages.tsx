import { Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { sessionLabel, timeOfDay } from './admin-parts.js';
import type { CheckInSeat, CheckInTicket } from './check-in.js';

/**
 * The page a scanned ticket opens on the creator's phone: who it is, for
 * what, and one big button. Every verdict is said in words (with a sign), not
 * by colour alone.
 */
export function CheckInPage({
  ctx,
  token,
  ticket,
  seat,
  justCheckedIn,
}: {
  ctx: PageContext;
  token: string;
  ticket: CheckInTicket | undefined;
  /** The session to check into (today's, or the one chosen); undefined: the creator chooses. */
  seat: CheckInSeat | undefined;
  justCheckedIn: boolean;
}) {
  const action = `/admin/events/check-in/${encodeURIComponent(token)}`;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('events.admin.checkInTitle')}>
      <div class="check-in">
        {!ticket ? (
          <Verdict
            kind="bad"
            title={ctx.t('events.admin.checkIn.unknown')}
            text={ctx.t('events.admin.checkIn.unknownHint')}
          />
        ) : (
          <>
            <p class="check-in-who">
              <strong>{ticket.name || ticket.email}</strong>
              {ticket.name && <span class="muted">{ticket.email}</span>}
            </p>
            <p class="check-in-what">
              <a href={`/admin/events/${ticket.product_id}/attendees`}>{ticket.title}</a>
              {ticket.ticket_type && <span class="muted"> · {ticket.ticket_type}</span>}
            </p>
            <Body ctx={ctx} ticket={ticket} seat={seat} action={action} justCheckedIn={justCheckedIn} />
          </>
        )}
      </div>
    </AdminLayout>
  );
}

function Verdict({ kind, title, text }: { kind: 'ok' | 'warn' | 'bad'; title: string; text?: string | undefined }) {
  const sign = kind === 'ok' ? '✓' : kind === 'warn' ? '!' : '✕';
  return (
    <div class={`verdict verdict-${kind}`} role={kind === 'ok' ? 'status' : 'alert'}>
      <span class="verdict-sign" aria-hidden="true">
        {sign}
      </span>
      <div>
        <p class="verdict-title">{title}</p>
        {text && <p>{text}</p>}
      </div>
    </div>
  );
}

function Body({
  ctx,
  ticket,
  seat,
  action,
  justCheckedIn,
}: {
  ctx: PageContext;
  ticket: CheckInTicket;
  seat: CheckInSeat | undefined;
  action: string;
  justCheckedIn: boolean;
}) {
  if (ticket.status !== 'valid') {
    const reason =
      ticket.status === 'cancelled' || ticket.status === 'sold_out'
        ? ctx.t('events.admin.checkIn.refunded')
        : ctx.t('events.admin.checkIn.unpaid');
    return <Verdict kind="bad" title={ctx.t('events.admin.checkIn.notValid')} text={reason} />;
  }
  if (ticket.seats.length === 0) return <Verdict kind="bad" title={ctx.t('events.admin.checkIn.noSeat')} />;
  if (!seat) {
    const open = ticket.seats.filter((s) => s.session_status === 'scheduled');
    if (open.length === 0) return <Verdict kind="bad" title={ctx.t('events.admin.checkIn.sessionCancelled')} />;
    return (
      <Form ctx={ctx} action={action} idPrefix="check-in">
        <fieldset>
          <legend>{ctx.t('events.admin.checkIn.choose')}</legend>
          {open.map((s, i) => (
            <div class="check">
              <input
                type="radio"
                id={`f-check-in-${s.session_id}`}
                name="session"
                value={s.session_id}
                checked={i === 0}
              />
              <label for={`f-check-in-${s.session_id}`}>
                {sessionLabel(ctx, s)}
                {s.checked_in_at &&
                  ` — ${ctx.t('events.admin.checkedInAt', { time: timeOfDay(ctx, s.checked_in_at) })}`}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="btn-block check-in-button">
          {ctx.t('events.admin.checkInButton')}
        </button>
      </Form>
    );
  }
  const when = <p class="check-in-session">{sessionLabel(ctx, seat)}</p>;
  if (seat.session_status === 'cancelled')
    return (
      <>
        {when}
        <Verdict kind="bad" title={ctx.t('events.admin.checkIn.sessionCancelled')} />
      </>
    );
  if (seat.checked_in_at) {
    const time = timeOfDay(ctx, seat.checked_in_at);
    return (
      <>
        {when}
        {justCheckedIn ? (
          <Verdict kind="ok" title={ctx.t('events.admin.checkIn.done', { time })} />
        ) : (
          <Verdict
            kind="warn"
            title={ctx.t('events.admin.checkIn.already', { time })}
            text={ctx.t('events.admin.checkIn.alreadyHint')}
          />
        )}
        <OtherSessions ctx={ctx} ticket={ticket} seat={seat} />
      </>
    );
  }
  return (
    <>
      {when}
      <Form ctx={ctx} action={action}>
        <input type="hidden" name="session" value={seat.session_id} />
        <button type="submit" class="btn-block check-in-button">
          {ctx.t('events.admin.checkInButton')}
        </button>
      </Form>
      <OtherSessions ctx={ctx} ticket={ticket} seat={seat} />
    </>
  );
}

/** A ticket to several sessions: where else it was used, with links to check into another one. */
function OtherSessions({ ctx, ticket, seat }: { ctx: PageContext; ticket: CheckInTicket; seat: CheckInSeat }) {
  const others = ticket.seats.filter((s) => s.session_id !== seat.session_id);
  if (others.length === 0) return null;
  return (
    <details class="check-in-others">
      <summary>{ctx.t('events.admin.checkIn.otherSessions', { n: others.length })}</summary>
      <ul>
        {others.map((s) => (
          <li>
            <a href={`?session=${s.session_id}`}>{sessionLabel(ctx, s)}</a>
            {s.session_status === 'cancelled'
              ? ` — ${ctx.t('events.admin.sessionCancelled')}`
              : s.checked_in_at
                ? ` — ${ctx.t('events.admin.checkedInAt', { time: timeOfDay(ctx, s.checked_in_at) })}`
                : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
