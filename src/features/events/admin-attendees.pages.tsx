import type { Product } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { FailedForm } from './admin-event.pages.js';
import { fieldError, Input, sessionLabel, TextArea, timeOfDay } from './admin-parts.js';
import type { AttendeeRow, AttendeeSeat, SessionRow } from './attendees.js';

export type AttendeesProps = {
  ctx: PageContext;
  product: Product;
  sessions: SessionRow[];
  /** The session the list is filtered to. */
  sessionId?: string | undefined;
  rows: AttendeeRow[];
  notice?: string | undefined;
  error?: string | undefined;
  failed?: FailedForm | undefined;
  /** Only the filter's input; the list is filtered by `sessionId`. */
  session?: string | undefined;
};

/** An event's attendees: who holds which ticket, the order, check-in per session; CSV and a message to all. */
export function AttendeesPage({ ctx, product, sessions, sessionId, rows, notice, error, failed }: AttendeesProps) {
  const base = `/admin/events/${product.id}`;
  const filter = sessionId ? `?session=${sessionId}` : '';
  const labels = new Map(sessions.map((s) => [s.id, sessionLabel(ctx, s)]));
  const cancelledSessions = new Set(sessions.filter((s) => s.status === 'cancelled').map((s) => s.id));
  const valid = rows.filter((r) => r.status === 'valid').length;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('events.admin.attendeesTitle', { event: product.title })}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {failed && <Alert kind="error">{ctx.t('events.admin.error.form')}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      <p class="actions">
        <a href={base}>← {product.title}</a>
        <a href={`${base}/attendees.csv${filter}`}>{ctx.t('events.admin.csv')}</a>
        <a href="#h-message">{ctx.t('events.admin.messageAll')}</a>
      </p>
      <form method="get" action={`${base}/attendees`} class="inline-form">
        <div class="field">
          <label for="f-filter-session">{ctx.t('events.admin.filterSession')}</label>
          <select id="f-filter-session" name="session">
            <option value="">{ctx.t('events.admin.allSessions')}</option>
            {sessions.map((s) => (
              <option value={s.id} selected={s.id === sessionId}>
                {labels.get(s.id)}
                {s.status === 'cancelled' ? ` (${ctx.t('events.admin.sessionCancelled')})` : ''}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {ctx.t('events.admin.show')}
        </button>
      </form>
      <p class="muted">{ctx.t('events.admin.validTickets', { n: valid })}</p>
      {rows.length === 0 ? (
        <p class="empty">{ctx.t('events.admin.noAttendees')}</p>
      ) : (
        <div class="table-wrap">
          <table class="attendees">
            <thead>
              <tr>
                <th scope="col">{ctx.t('events.admin.attendee')}</th>
                <th scope="col">{ctx.t('events.admin.ticketType')}</th>
                <th scope="col">{ctx.t('events.admin.ticketStatus')}</th>
                <th scope="col">{ctx.t('events.admin.order')}</th>
                <th scope="col">{ctx.t('events.admin.checkIn')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td data-label={ctx.t('events.admin.attendee')}>
                    {r.name || r.email}
                    {r.name && (
                      <>
                        <br />
                        <span class="muted">{r.email}</span>
                      </>
                    )}
                  </td>
                  <td data-label={ctx.t('events.admin.ticketType')}>{r.ticket_type ?? '—'}</td>
                  <td data-label={ctx.t('events.admin.ticketStatus')}>
                    <span class={r.status === 'valid' ? 'badge ok' : 'badge failed'}>
                      {ctx.t(`events.admin.ticket.${r.status}`)}
                    </span>
                  </td>
                  <td data-label={ctx.t('events.admin.order')}>
                    {r.order_id ? <a href={`/admin/orders/${r.order_id}`}>{r.order_number ?? r.order_id}</a> : '—'}
                  </td>
                  <td data-label={ctx.t('events.admin.checkIn')}>
                    {r.seats.map((seat) => (
                      <SeatCheckIn
                        ctx={ctx}
                        action={`${base}/attendees/${r.id}/check-in`}
                        attendee={r.name || r.email}
                        seat={seat}
                        label={sessions.length > 1 && !sessionId ? labels.get(seat.session_id) : undefined}
                        canCheckIn={r.status === 'valid' && !cancelledSessions.has(seat.session_id)}
                        back={sessionId}
                      />
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MessageSection ctx={ctx} base={base} sessions={sessions} labels={labels} failed={failed} sessionId={sessionId} />
    </AdminLayout>
  );
}

function SeatCheckIn({
  ctx,
  action,
  attendee,
  seat,
  label,
  canCheckIn,
  back,
}: {
  ctx: PageContext;
  action: string;
  attendee: string;
  seat: AttendeeSeat;
  label: string | undefined;
  canCheckIn: boolean;
  back: string | undefined;
}) {
  const checked = seat.checked_in_at;
  return (
    <div class="seat-check">
      {label && <span class="muted">{label}: </span>}
      {checked ? (
        <span>{ctx.t('events.admin.checkedInAt', { time: timeOfDay(ctx, checked) })}</span>
      ) : (
        <span class="muted">{ctx.t('events.admin.notCheckedIn')}</span>
      )}
      {(canCheckIn || checked) && (
        <Form ctx={ctx} action={action} class="inline">
          <input type="hidden" name="session" value={seat.session_id} />
          {back && <input type="hidden" name="back" value={back} />}
          {checked ? (
            <button
              type="submit"
              name="do"
              value="undo"
              class="secondary small-btn"
              aria-label={ctx.t('events.admin.undoFor', { name: attendee })}
            >
              {ctx.t('events.admin.undo')}
            </button>
          ) : (
            <button
              type="submit"
              name="do"
              value="in"
              class="small-btn"
              aria-label={ctx.t('events.admin.checkInFor', { name: attendee })}
            >
              {ctx.t('events.admin.checkInButton')}
            </button>
          )}
        </Form>
      )}
    </div>
  );
}

function MessageSection({
  ctx,
  base,
  sessions,
  labels,
  failed,
  sessionId,
}: {
  ctx: PageContext;
  base: string;
  sessions: SessionRow[];
  labels: Map<string, string>;
  failed: FailedForm | undefined;
  sessionId: string | undefined;
}) {
  const errors = failed?.form === 'message' ? failed.errors : undefined;
  const v = failed?.form === 'message' ? failed.values : { session: sessionId ?? '', subject: '', body: '' };
  return (
    <section aria-labelledby="h-message" class="panel message-all">
      <h2 id="h-message">{ctx.t('events.admin.messageAll')}</h2>
      <p class="muted">{ctx.t('events.admin.hint.message')}</p>
      <Form ctx={ctx} action={`${base}/attendees/message`} idPrefix="message">
        <div class={errors?.session ? 'field invalid' : 'field'}>
          <label for="f-message-session">{ctx.t('events.admin.field.recipients')}</label>
          <select id="f-message-session" name="session">
            <option value="">{ctx.t('events.admin.allAttendees')}</option>
            {sessions
              .filter((s) => s.status === 'scheduled')
              .map((s) => (
                <option value={s.id} selected={s.id === v.session}>
                  {ctx.t('events.admin.attendeesOf', { session: labels.get(s.id) ?? '' })}
                </option>
              ))}
          </select>
          {errors?.session && <p class="error">{fieldError(ctx, errors, 'session')}</p>}
        </div>
        <Input
          name="subject"
          label={ctx.t('events.admin.field.subject')}
          value={v.subject}
          error={fieldError(ctx, errors, 'subject')}
          required
        />
        <TextArea
          name="body"
          label={ctx.t('events.admin.field.body')}
          value={v.body ?? ''}
          rows={6}
          error={fieldError(ctx, errors, 'body')}
          required
        />
        <button type="submit">{ctx.t('events.admin.send')}</button>
      </Form>
    </section>
  );
}
