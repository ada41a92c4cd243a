import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import { sessionTimeLabel } from './session-time.js';
import { LINK_LEAD_MS, meetingLinkOpen, type TicketView } from './ticket-view.js';

type Props = { ctx: PageContext; view: TicketView; now: Date; qrSvg: string | undefined };

/** A ticket in the customer's library: sessions, the meeting link when it is time, the check-in code, recordings. */
export function TicketPage({ ctx, view, now, qrSvg }: Props) {
  const t = ctx.t;
  const { ticket, event, product } = view;
  const valid = ticket.status === 'valid';
  return (
    <Layout ctx={ctx} title={t('events.ticket.title', { event: product.title })}>
      <p class="breadcrumb">
        <a href="/library">{t('events.ticket.back')}</a>
      </p>
      <h1>{t('events.ticket.title', { event: product.title })}</h1>
      {!valid && <Alert kind="error">{t('events.ticket.notValid')}</Alert>}
      <p>
        {t('events.ticket.holder', { name: ticket.name || ticket.email })}
        {event.format === 'onsite' && event.venue && (
          <>
            <br />
            {t('events.ticket.venue')} <span class="pre-line">{event.venue}</span>
          </>
        )}
      </p>
      <section class="panel" aria-labelledby="h-sessions">
        <h2 id="h-sessions">{t('events.ticket.sessions')}</h2>
        <ul class="ticket-sessions">
          {view.sessions.map((s) => (
            <li>
              <strong>{sessionTimeLabel(s, ctx.locale, ctx.timeZone)}</strong>
              {s.status === 'cancelled' && <span class="badge badge-error"> {t('events.ticket.cancelled')}</span>}
              {s.checked_in_at && (
                <span class="muted">
                  {' '}
                  {t('events.ticket.checkedIn', { at: formatDateTime(s.checked_in_at, ctx.locale, ctx.timeZone) })}
                </span>
              )}
              {valid && event.format === 'online' && s.status === 'scheduled' && (
                <MeetingLink ctx={ctx} view={view} session={s} now={now} />
              )}
              {valid && s.recording_url && (
                <p>
                  <a href={s.recording_url} rel="noopener noreferrer">
                    {t('events.ticket.recording')}
                  </a>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
      {valid && event.format === 'onsite' && qrSvg && (
        <section class="panel ticket-qr" aria-labelledby="h-qr">
          <h2 id="h-qr">{t('events.ticket.qr')}</h2>
          <p>{t('events.ticket.qrHint')}</p>
          {/* The SVG is made by the QR library from our own URL: no user input in it. */}
          <div
            class="qr"
            role="img"
            aria-label={t('events.ticket.qrAlt')}
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
        </section>
      )}
    </Layout>
  );
}

function MeetingLink({
  ctx,
  view,
  session,
  now,
}: {
  ctx: PageContext;
  view: TicketView;
  session: TicketView['sessions'][number];
  now: Date;
}) {
  const t = ctx.t;
  if (meetingLinkOpen(view, session, now) && view.event.meeting_url)
    return (
      <p>
        <a class="button" href={view.event.meeting_url} rel="noopener noreferrer" id={`join-${session.id}`}>
          {t('events.ticket.join')}
        </a>
      </p>
    );
  if (now.getTime() >= Date.parse(session.ends_at)) return <p class="muted">{t('events.ticket.over')}</p>;
  const from = new Date(Date.parse(session.starts_at) - LINK_LEAD_MS).toISOString();
  return <p class="muted">{t('events.ticket.linkLater', { at: formatDateTime(from, ctx.locale, ctx.timeZone) })}</p>;
}

/** The waiting-list form for a sold-out session (or event). */
export function WaitlistPage({
  ctx,
  title,
  when,
  done,
  error,
}: {
  ctx: PageContext;
  title: string;
  when: string | undefined;
  done?: 'joined' | 'already' | undefined;
  error?: boolean;
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('events.waitlist.title')}>
      <h1>{t('events.waitlist.title')}</h1>
      <p>
        {title}
        {when && ` — ${when}`}
      </p>
      {done ? (
        <Alert kind="success">{t(done === 'joined' ? 'events.waitlist.joined' : 'events.waitlist.already')}</Alert>
      ) : (
        <>
          <p>{t('events.waitlist.intro')}</p>
          {error && <Alert kind="error">{t('events.waitlist.emailInvalid')}</Alert>}
          <Form ctx={ctx} action="">
            <Field name="email" type="email" label={t('events.waitlist.email')} autocomplete="email" required />
            <Field name="name" label={t('events.waitlist.name')} autocomplete="name" />
            <button type="submit">{t('events.waitlist.submit')}</button>
          </Form>
        </>
      )}
    </Layout>
  );
}
