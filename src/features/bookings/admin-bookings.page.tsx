import { formatMoney } from '../../domain/money.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatTimeRange } from '../../web/i18n.js';
import type { MessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { Input } from '../events/admin-parts.js';
import { utcToLocalInput } from '../posts/local-time.js';
import {
  type AdminBookingRow,
  BOOKING_VIEWS,
  type BookingTypeListRow,
  type BookingView,
  LIST_LIMIT,
  type MonthSummary,
} from './admin-queries.js';

/** A refused change of one booking: which, what was typed, why. */
export type FailedChange = { bookingId: string; form: 'move' | 'cancel'; startsAt?: string; error: MessageKey };

export type BookingsPageProps = {
  ctx: PageContext;
  view: BookingView;
  bookings: AdminBookingRow[];
  types: BookingTypeListRow[];
  summary: MonthSummary;
  feedUrl: string;
  failed?: FailedChange | undefined;
  notice?: string | undefined;
};

const BASE = '/admin/bookings';
const tag = (ctx: PageContext) => (ctx.locale === 'de' ? 'de-DE' : 'en-GB');

/** The creator's bookings: this month in a line, upcoming (or past, cancelled) bookings, the calendar subscription. */
export function BookingsPage(props: BookingsPageProps) {
  const { ctx, view, bookings, types, failed, notice } = props;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('bookings.admin.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {failed && <Alert kind="error">{ctx.t(failed.error)}</Alert>}
      <p class="actions">
        <a href={`${BASE}/availability`}>{ctx.t('bookings.admin.availability')}</a>
        <a href={`${BASE}/types`}>{ctx.t('bookings.admin.types')}</a>
      </p>
      {types.length > 0 && (
        <p class="booking-type-links">
          {ctx.t('bookings.admin.typeLinks')}{' '}
          {types.map((t, i) => (
            <>
              {i > 0 && ', '}
              <a href={`${BASE}/types/${t.product_id}`}>{t.title}</a>
            </>
          ))}
        </p>
      )}
      <MonthLine ctx={ctx} summary={props.summary} />
      <nav class="tabs" aria-label={ctx.t('bookings.admin.views')}>
        {BOOKING_VIEWS.map((v) => (
          <a href={v === 'upcoming' ? BASE : `${BASE}?show=${v}`} aria-current={v === view ? 'page' : undefined}>
            {ctx.t(`bookings.admin.view.${v}`)}
          </a>
        ))}
      </nav>
      <p class="muted">{ctx.t('bookings.admin.intro', { zone: ctx.timeZone })}</p>
      {bookings.length === 0 ? (
        <p class="empty">{ctx.t(`bookings.admin.empty.${view}`)}</p>
      ) : (
        <ul class="booking-list">
          {bookings.map((b) => (
            <BookingItem ctx={ctx} booking={b} failed={failed?.bookingId === b.id ? failed : undefined} />
          ))}
        </ul>
      )}
      {bookings.length >= LIST_LIMIT && <p class="muted">{ctx.t('bookings.admin.limited', { n: LIST_LIMIT })}</p>}
      <FeedSection ctx={ctx} feedUrl={props.feedUrl} />
    </AdminLayout>
  );
}

function MonthLine({ ctx, summary }: { ctx: PageContext; summary: MonthSummary }) {
  const hours = new Intl.NumberFormat(tag(ctx), { maximumFractionDigits: 2 }).format(summary.minutes / 60);
  const income =
    summary.income.length === 0
      ? '–'
      : summary.income.map((i) => formatMoney(i.minor, i.currency, ctx.locale)).join(' + ');
  return <p class="booking-month">{ctx.t('bookings.admin.month', { sessions: summary.sessions, hours, income })}</p>;
}

function BookingItem({
  ctx,
  booking: b,
  failed,
}: {
  ctx: PageContext;
  booking: AdminBookingRow;
  failed?: FailedChange;
}) {
  const when = formatTimeRange(b.starts_at, b.ends_at, ctx.locale, ctx.timeZone, { zone: true });
  const action = `${BASE}/${b.id}`;
  const changeable = b.status === 'confirmed';
  const moveValue = failed?.form === 'move' ? (failed.startsAt ?? '') : utcToLocalInput(b.starts_at, ctx.timeZone);
  const moveError = failed?.form === 'move' ? ctx.t(failed.error) : undefined;
  const statusClass =
    b.status === 'confirmed' ? 'ok' : b.status === 'held' ? 'pending' : b.status === 'released' ? '' : 'failed';
  return (
    <li class="panel booking-item" id={`booking-${b.id}`}>
      <div class="booking-head">
        <h2 class="booking-when">
          <time datetime={b.starts_at}>{when}</time>
        </h2>
        <span class={`badge ${statusClass}`.trim()}>{ctx.t(`bookings.admin.status.${b.status}`)}</span>
      </div>
      <dl class="meta booking-facts">
        <dt>{ctx.t('bookings.admin.col.title')}</dt>
        <dd>
          <a href={`${BASE}/types/${b.product_id}`}>{b.type_title}</a>
        </dd>
        <dt>{ctx.t('bookings.admin.bookedBy')}</dt>
        <dd>
          {b.name && <>{b.name}, </>}
          <a href={`mailto:${b.email}`}>{b.email}</a>
        </dd>
        <dt>{ctx.t('bookings.admin.order')}</dt>
        <dd>
          {b.order_id ? (
            <a href={`/admin/orders/${b.order_id}`}>{b.order_number ?? b.order_id}</a>
          ) : (
            ctx.t('bookings.admin.noOrder')
          )}
        </dd>
        {b.answers.map((a) => (
          <>
            <dt>{a.question}</dt>
            <dd class="booking-answer">{a.answer}</dd>
          </>
        ))}
      </dl>
      {changeable && (
        <details open={failed !== undefined}>
          <summary>{ctx.t('bookings.admin.change')}</summary>
          <Form ctx={ctx} action={`${action}/move`} idPrefix={`move-${b.id}`} class="inline-form">
            <Input
              name="startsAt"
              type="datetime-local"
              label={ctx.t('bookings.admin.field.startsAt', { zone: ctx.timeZone })}
              value={moveValue}
              error={moveError}
              required
            />
            <button type="submit" class="secondary">
              {ctx.t('bookings.admin.move')}
            </button>
          </Form>
          <p class="hint muted">{ctx.t('bookings.admin.moveHint')}</p>
          <Form ctx={ctx} action={`${action}/cancel`} idPrefix={`cancel-${b.id}`} class="booking-cancel">
            <div class="check">
              <input type="checkbox" id={`f-cancel-${b.id}-refund`} name="refund" value="yes" checked />
              <label for={`f-cancel-${b.id}-refund`}>{ctx.t('bookings.admin.refundAll')}</label>
            </div>
            <p class="hint muted">{ctx.t('bookings.admin.cancelHint')}</p>
            {failed?.form === 'cancel' && <p class="error">{ctx.t(failed.error)}</p>}
            <button type="submit" class="danger">
              {ctx.t('bookings.admin.cancelBooking')}
            </button>
          </Form>
        </details>
      )}
    </li>
  );
}

function FeedSection({ ctx, feedUrl }: { ctx: PageContext; feedUrl: string }) {
  return (
    <section class="panel" aria-labelledby="h-feed">
      <h2 id="h-feed">{ctx.t('bookings.admin.feed')}</h2>
      <p>{ctx.t('bookings.admin.feedIntro')}</p>
      <div class="field">
        <label for="feed-url">{ctx.t('bookings.admin.feedUrl')}</label>
        <input id="feed-url" type="text" readOnly value={feedUrl} class="feed-url" spellcheck={false} />
      </div>
      <Form ctx={ctx} action={`${BASE}/calendar-feed/rotate`}>
        <button type="submit" class="secondary" aria-describedby="feed-rotate-hint">
          {ctx.t('bookings.admin.feedRotate')}
        </button>
        <p class="hint muted" id="feed-rotate-hint">
          {ctx.t('bookings.admin.feedRotateHint')}
        </p>
      </Form>
    </section>
  );
}
