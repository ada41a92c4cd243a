import type { Booking } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { BookingTypeInfo } from './mails.js';
import { instantLabel, whenLabel } from './mails.js';
import type { ClientTerms } from './manage.js';
import type { Slot } from './slot-types.js';

export type ManageNotice = 'cancelled' | 'cancelled-refund' | 'rescheduled' | 'taken' | 'too-late' | 'started';

type Props = {
  ctx: PageContext;
  booking: Booking;
  info: BookingTypeInfo;
  answers: { question: string; answer: string }[];
  terms: ClientTerms;
  /** The client's zone (from ?tz= or the booking), else the store's. */
  zone: string;
  /** The meeting link, only while it is open. */
  meetingUrl: string | undefined;
  now: Date;
  step: 'view' | 'cancel' | 'reschedule';
  slots: Slot[];
  notice?: ManageNotice | undefined;
};

/** The client's booking page: the session, its time on both clocks, the place, the link when it is time, cancel and move. */
export function ManagePage(p: Props) {
  const { ctx, booking, info, terms, zone } = p;
  const t = ctx.t;
  const base = `/bookings/manage/${booking.manage_token}`;
  const q = `?tz=${encodeURIComponent(zone)}`;
  const deadline = instantLabel(terms.deadline, ctx.locale, zone);
  const over = p.now.getTime() >= Date.parse(booking.ends_at);
  return (
    <Layout ctx={ctx} title={t('bookings.manage.title')}>
      {!booking.client_time_zone && <script src="/assets/booking-manage-zone.js" />}
      <h1>{info.title}</h1>
      {p.notice === 'cancelled' && <Alert kind="success">{t('bookings.manage.cancel.done')}</Alert>}
      {p.notice === 'cancelled-refund' && (
        <Alert kind="success">
          {t('bookings.manage.cancel.done')} {t('bookings.manage.cancel.doneRefund')}
        </Alert>
      )}
      {p.notice === 'rescheduled' && <Alert kind="success">{t('bookings.manage.reschedule.done')}</Alert>}
      {p.notice === 'taken' && <Alert kind="error">{t('bookings.manage.reschedule.taken')}</Alert>}
      {p.notice === 'too-late' && <Alert kind="error">{t('bookings.manage.reschedule.closed', { deadline })}</Alert>}
      {p.notice === 'started' && <Alert kind="error">{t('bookings.manage.cancel.tooLate')}</Alert>}
      {booking.status === 'cancelled' && p.notice === undefined && (
        <Alert kind="info">{t('bookings.manage.status.cancelled')}</Alert>
      )}
      {booking.status !== 'confirmed' && booking.status !== 'cancelled' && (
        <Alert kind="info">{t('bookings.manage.status.other')}</Alert>
      )}
      <dl>
        <dt>{t('bookings.manage.yourTime', { zone })}</dt>
        <dd id="booking-time">
          <strong>{whenLabel(booking, ctx.locale, zone)}</strong>
        </dd>
        {zone !== ctx.timeZone && (
          <>
            <dt>{t('bookings.manage.storeTime', { zone: ctx.timeZone })}</dt>
            <dd>{whenLabel(booking, ctx.locale, ctx.timeZone)}</dd>
          </>
        )}
      </dl>
      <p>
        {info.location === 'onsite' ? (
          <span class="pre-line">{t('bookings.manage.where.onsite', { address: info.address })}</span>
        ) : info.location === 'phone' ? (
          t('bookings.manage.where.phone')
        ) : (
          t('bookings.manage.where.online')
        )}
      </p>
      {p.meetingUrl && (
        <p>
          <a class="button" id="join" href={p.meetingUrl} rel="noopener noreferrer">
            {t('bookings.manage.join')}
          </a>{' '}
          <span class="muted">{t('bookings.manage.joinNote')}</span>
        </p>
      )}
      {booking.status === 'confirmed' && over && <p class="muted">{t('bookings.manage.ended')}</p>}
      {p.answers.length > 0 && (
        <section class="panel" aria-labelledby="h-answers">
          <h2 id="h-answers">{t('bookings.manage.answers')}</h2>
          <dl>
            {p.answers.map((a) => (
              <>
                <dt>{a.question}</dt>
                <dd class="pre-line">{a.answer}</dd>
              </>
            ))}
          </dl>
        </section>
      )}
      {booking.status === 'confirmed' && !over && (
        <p class="muted">
          {terms.refundable
            ? t('bookings.manage.policy.free', { deadline })
            : t('bookings.manage.policy.passed', { deadline })}
        </p>
      )}
      {p.step === 'view' && (terms.cancellable || terms.reschedulable) && (
        <p>
          {terms.reschedulable && (
            <>
              <a class="button" href={`${base}${q}&step=reschedule`}>
                {t('bookings.manage.reschedule.ask')}
              </a>{' '}
            </>
          )}
          {terms.cancellable && (
            <a class="button button-secondary" href={`${base}${q}&step=cancel`}>
              {t('bookings.manage.cancel.ask')}
            </a>
          )}
        </p>
      )}
      {p.step === 'cancel' && terms.cancellable && (
        <section class="panel" aria-labelledby="h-cancel">
          <h2 id="h-cancel">{t('bookings.manage.cancel.title')}</h2>
          <p id="cancel-terms">
            {terms.refundable ? t('bookings.manage.cancel.refund') : t('bookings.manage.cancel.noRefund', { deadline })}
          </p>
          <Form ctx={ctx} action={`${base}/cancel${q}`}>
            <button type="submit">{t('bookings.manage.cancel.confirm')}</button>
          </Form>
          <p>
            <a href={`${base}${q}`}>{t('bookings.manage.back')}</a>
          </p>
        </section>
      )}
      {p.step === 'reschedule' && booking.status === 'confirmed' && (
        <section class="panel" aria-labelledby="h-reschedule">
          <h2 id="h-reschedule">{t('bookings.manage.reschedule.title')}</h2>
          {terms.reschedulable ? (
            <>
              <p class="muted">{t('bookings.manage.reschedule.until', { deadline })}</p>
              {p.slots.length === 0 ? (
                <p>{t('bookings.manage.reschedule.none')}</p>
              ) : (
                <Form ctx={ctx} action={`${base}/reschedule${q}`}>
                  <fieldset>
                    <legend>{t('bookings.manage.yourTime', { zone })}</legend>
                    {p.slots.map((s, i) => (
                      <label>
                        <input type="radio" name="start" value={s.start} required checked={i === 0} />{' '}
                        {whenLabel({ starts_at: s.start, ends_at: s.end }, ctx.locale, zone)}
                      </label>
                    ))}
                  </fieldset>
                  <button type="submit">{t('bookings.manage.reschedule.submit')}</button>
                </Form>
              )}
            </>
          ) : (
            <p>{t('bookings.manage.reschedule.closed', { deadline })}</p>
          )}
          <p>
            <a href={`${base}${q}`}>{t('bookings.manage.back')}</a>
          </p>
        </section>
      )}
    </Layout>
  );
}
