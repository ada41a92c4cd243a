import type { EventRow, EventTicketType, Product } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { utcToLocalInput } from '../posts/local-time.js';
import { fieldError, Input, Radios, sessionLabel, TextArea } from './admin-parts.js';
import type { SessionRow } from './attendees.js';
import { DEFAULT_OFFER_HOURS, type FormErrors, MAX_REPEAT, settingsFormOf, ticketTypeFormOf } from './event-input.js';

/** The form that was sent and refused: its id, what was typed, the errors by field. */
export type FailedForm = { form: string; values: Record<string, string>; errors: FormErrors };

export type EventEditorProps = {
  ctx: PageContext;
  product: Product;
  event: EventRow;
  ticketTypes: EventTicketType[];
  sessions: SessionRow[];
  failed?: FailedForm | undefined;
  notice?: string | undefined;
  now?: Date;
};

/** The typed values of form `id` when it was refused, else its stored ones. */
function valuesOf<T extends Record<string, string>>(failed: FailedForm | undefined, id: string, stored: T): T {
  return failed?.form === id ? { ...stored, ...failed.values } : stored;
}
const errorsOf = (failed: FailedForm | undefined, id: string) => (failed?.form === id ? failed.errors : undefined);

export function EventEditorPage(props: EventEditorProps) {
  const { ctx, product, failed, notice } = props;
  const base = `/admin/events/${product.id}`;
  return (
    <AdminLayout ctx={ctx} title={product.title}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {failed && <Alert kind="error">{ctx.t('events.admin.error.form')}</Alert>}
      <p class="actions">
        <a href="/admin/events">← {ctx.t('events.admin.title')}</a>
        <a href={`${base}/attendees`}>{ctx.t('events.admin.attendees')}</a>
        <a href={`/admin/products/${product.id}/preview`}>{ctx.t('events.admin.preview')}</a>
        <a href={`/admin/products/${product.id}`}>{ctx.t('events.admin.productSettings')}</a>
      </p>
      <DetailsSection {...props} />
      <SettingsSection {...props} />
      <TicketTypesSection {...props} />
      <SessionsSection {...props} />
    </AdminLayout>
  );
}

function DetailsSection({ ctx, product, failed }: EventEditorProps) {
  const v = valuesOf(failed, 'details', {
    title: product.title,
    summary: product.summary,
    description: product.description_md,
    status: product.status,
  });
  const errors = errorsOf(failed, 'details');
  return (
    <section aria-labelledby="h-details" class="panel">
      <h2 id="h-details">{ctx.t('events.admin.details')}</h2>
      <Form ctx={ctx} action={`/admin/events/${product.id}/details`} idPrefix="details">
        <Input
          name="title"
          label={ctx.t('events.admin.field.title')}
          value={v.title}
          error={fieldError(ctx, errors, 'title')}
          required
        />
        <Input
          name="summary"
          label={ctx.t('events.admin.field.summary')}
          value={v.summary}
          error={fieldError(ctx, errors, 'summary')}
        />
        <TextArea
          name="description"
          label={ctx.t('events.admin.field.description')}
          hint={ctx.t('events.admin.hint.description')}
          value={v.description}
          rows={8}
          error={fieldError(ctx, errors, 'description')}
        />
        <Radios
          name="status"
          legend={ctx.t('events.admin.status')}
          value={v.status}
          options={(['draft', 'published', 'archived'] as const).map((s) => ({
            value: s,
            label: ctx.t(`catalog.status.${s}`),
            hint: ctx.t(`events.admin.statusHint.${s}`),
          }))}
          error={fieldError(ctx, errors, 'status')}
        />
        <button type="submit">{ctx.t('events.admin.save')}</button>
      </Form>
    </section>
  );
}

function SettingsSection({ ctx, product, event, failed }: EventEditorProps) {
  const v = valuesOf(failed, 'settings', settingsFormOf(event, ctx.timeZone));
  const errors = errorsOf(failed, 'settings');
  const e = (k: string) => fieldError(ctx, errors, k);
  return (
    <section aria-labelledby="h-settings" class="panel">
      <h2 id="h-settings">{ctx.t('events.admin.settings')}</h2>
      <Form ctx={ctx} action={`/admin/events/${product.id}/settings`} idPrefix="settings">
        <Radios
          name="format"
          legend={ctx.t('events.admin.field.format')}
          value={v.format}
          error={e('format')}
          options={[
            { value: 'online', label: ctx.t('events.admin.format.online') },
            { value: 'onsite', label: ctx.t('events.admin.format.onsite') },
          ]}
        />
        <Input
          name="meetingUrl"
          type="url"
          label={ctx.t('events.admin.field.meetingUrl')}
          hint={ctx.t('events.admin.hint.meetingUrl')}
          value={v.meetingUrl}
          error={e('meetingUrl')}
        />
        <TextArea
          name="venue"
          label={ctx.t('events.admin.field.venue')}
          hint={ctx.t('events.admin.hint.venue')}
          value={v.venue}
          rows={3}
          error={e('venue')}
        />
        <Radios
          name="ticketScope"
          legend={ctx.t('events.admin.field.ticketScope')}
          value={v.ticketScope}
          error={e('ticketScope')}
          options={[
            {
              value: 'session',
              label: ctx.t('events.admin.scope.session'),
              hint: ctx.t('events.admin.scope.sessionHint'),
            },
            { value: 'all', label: ctx.t('events.admin.scope.all'), hint: ctx.t('events.admin.scope.allHint') },
          ]}
        />
        <Input
          name="salesEnd"
          type="datetime-local"
          label={ctx.t('events.admin.field.salesEnd', { zone: ctx.timeZone })}
          hint={ctx.t('events.admin.hint.salesEnd')}
          value={v.salesEnd}
          error={e('salesEnd')}
        />
        <Input
          name="offerHours"
          label={ctx.t('events.admin.field.offerHours')}
          hint={ctx.t('events.admin.hint.offerHours', { n: DEFAULT_OFFER_HOURS })}
          value={v.offerHours}
          inputmode="numeric"
          error={e('offerHours')}
        />
        <Radios
          name="withdrawalRule"
          legend={ctx.t('events.admin.field.withdrawal')}
          value={v.withdrawalRule}
          error={e('withdrawalRule')}
          options={[
            {
              value: 'leisure',
              label: ctx.t('events.admin.withdrawal.leisure'),
              hint: ctx.t('events.admin.withdrawal.leisureHint'),
            },
            {
              value: 'service',
              label: ctx.t('events.admin.withdrawal.service'),
              hint: ctx.t('events.admin.withdrawal.serviceHint'),
            },
          ]}
        />
        <p class="muted">{ctx.t('events.admin.withdrawal.note')}</p>
        <button type="submit">{ctx.t('events.admin.save')}</button>
      </Form>
    </section>
  );
}

function TicketTypesSection({ ctx, product, ticketTypes, failed }: EventEditorProps) {
  const base = `/admin/events/${product.id}/ticket-types`;
  const zone = ctx.timeZone;
  const fields = (id: string, v: Record<string, string>) => {
    const errors = errorsOf(failed, id);
    return (
      <>
        <Input
          name="name"
          label={ctx.t('events.admin.field.typeName')}
          value={v.name}
          error={fieldError(ctx, errors, 'name')}
          required
        />
        <Input
          name="price"
          label={ctx.t('events.admin.field.price', { currency: product.currency })}
          value={v.price}
          inputmode="decimal"
          hint={ctx.t('events.admin.hint.price')}
          error={fieldError(ctx, errors, 'price')}
        />
        <Input
          name="availableUntil"
          type="datetime-local"
          label={ctx.t('events.admin.field.availableUntil', { zone })}
          hint={ctx.t('events.admin.hint.availableUntil')}
          value={v.availableUntil}
          error={fieldError(ctx, errors, 'availableUntil')}
        />
      </>
    );
  };
  return (
    <section aria-labelledby="h-types" class="panel">
      <h2 id="h-types">{ctx.t('events.admin.ticketTypes')}</h2>
      <p class="muted">{ctx.t('events.admin.hint.ticketTypes')}</p>
      {ticketTypes.map((t) => {
        const id = `type-${t.id}`;
        const v = valuesOf(failed, id, ticketTypeFormOf(t, product.currency, ctx.locale, zone));
        return (
          <div class="event-row">
            <h3 class="event-row-title">
              {t.name} · {formatMoney(t.price_minor, product.currency, ctx.locale)}
              {t.available_until &&
                ` · ${ctx.t('events.admin.until', { date: formatDateTime(t.available_until, ctx.locale, zone) })}`}
            </h3>
            <Form ctx={ctx} action={`${base}/${t.id}`} idPrefix={id} class="inline-form">
              {fields(id, v)}
              <button type="submit" class="secondary">
                {ctx.t('events.admin.save')}
              </button>
            </Form>
            {ticketTypes.length > 1 && (
              <Form ctx={ctx} action={`${base}/${t.id}/delete`} class="actions">
                <button type="submit" class="link danger-link">
                  {ctx.t('events.admin.removeType', { name: t.name })}
                </button>
              </Form>
            )}
          </div>
        );
      })}
      <h3>{ctx.t('events.admin.addType')}</h3>
      <Form ctx={ctx} action={base} idPrefix="type-new" class="inline-form">
        {fields('type-new', valuesOf(failed, 'type-new', { name: '', price: '', availableUntil: '' }))}
        <button type="submit">{ctx.t('events.admin.add')}</button>
      </Form>
    </section>
  );
}

function SessionsSection({ ctx, product, sessions, failed, now = new Date() }: EventEditorProps) {
  const base = `/admin/events/${product.id}/sessions`;
  const nv = valuesOf(failed, 'session-new', { date: '', start: '', end: '', duration: '', capacity: '', repeat: '' });
  const ne = errorsOf(failed, 'session-new');
  return (
    <section aria-labelledby="h-sessions" class="panel">
      <h2 id="h-sessions">{ctx.t('events.admin.sessions')}</h2>
      {sessions.length === 0 ? (
        <p class="muted">{ctx.t('events.admin.noSessions')}</p>
      ) : (
        sessions.map((s) => (
          <SessionItem
            ctx={ctx}
            base={`${base}/${s.id}`}
            attendees={`/admin/events/${product.id}/attendees?session=${s.id}`}
            session={s}
            failed={failed}
            now={now}
          />
        ))
      )}
      <h3>{ctx.t('events.admin.addSession')}</h3>
      <Form ctx={ctx} action={base} idPrefix="session-new">
        <div class="inline-form">
          <Input
            name="date"
            type="date"
            label={ctx.t('events.admin.field.date')}
            value={nv.date}
            error={fieldError(ctx, ne, 'date')}
            required
          />
          <Input
            name="start"
            type="time"
            label={ctx.t('events.admin.field.start', { zone: ctx.timeZone })}
            value={nv.start}
            error={fieldError(ctx, ne, 'start')}
            required
          />
          <Input
            name="end"
            type="time"
            label={ctx.t('events.admin.field.end')}
            value={nv.end}
            error={fieldError(ctx, ne, 'end')}
          />
          <Input
            name="duration"
            label={ctx.t('events.admin.field.duration')}
            value={nv.duration}
            inputmode="numeric"
            error={fieldError(ctx, ne, 'duration')}
          />
        </div>
        <p class="hint muted">{ctx.t('events.admin.hint.endOrDuration')}</p>
        <div class="inline-form">
          <Input
            name="capacity"
            label={ctx.t('events.admin.field.capacity')}
            value={nv.capacity}
            inputmode="numeric"
            error={fieldError(ctx, ne, 'capacity')}
            required
          />
          <Input
            name="repeat"
            label={ctx.t('events.admin.field.repeat')}
            hint={ctx.t('events.admin.hint.repeat', { max: MAX_REPEAT })}
            value={nv.repeat}
            inputmode="numeric"
            error={fieldError(ctx, ne, 'repeat')}
          />
        </div>
        <p class="actions">
          <button type="submit">{ctx.t('events.admin.addSession')}</button>
        </p>
      </Form>
    </section>
  );
}

function SessionItem({
  ctx,
  base,
  attendees,
  session: s,
  failed,
  now,
}: {
  ctx: PageContext;
  base: string;
  attendees: string;
  session: SessionRow;
  failed: FailedForm | undefined;
  now: Date;
}) {
  const cancelled = s.status === 'cancelled';
  const started = Date.parse(s.starts_at) <= now.getTime();
  const label = sessionLabel(ctx, s);
  const cap = valuesOf(failed, `capacity-${s.id}`, { capacity: String(s.capacity) });
  const move = valuesOf(failed, `move-${s.id}`, {
    startsAt: utcToLocalInput(s.starts_at, ctx.timeZone),
    endsAt: utcToLocalInput(s.ends_at, ctx.timeZone),
  });
  const rec = valuesOf(failed, `recording-${s.id}`, { recordingUrl: s.recording_url ?? '' });
  const openChanges = failed?.form === `move-${s.id}` || failed?.form === `session-${s.id}`;
  return (
    <div class="event-row">
      <h3 class="event-row-title">
        {label} {cancelled && <span class="badge failed">{ctx.t('events.admin.sessionCancelled')}</span>}
      </h3>
      <p>
        {ctx.t('events.admin.seatsTaken', { n: s.taken, of: s.capacity })} ·{' '}
        {ctx.t('events.admin.checkedInCount', { n: s.checked_in })} ·{' '}
        <a href={attendees}>{ctx.t('events.admin.attendeesOf', { session: label })}</a>
      </p>
      {failed?.form === `session-${s.id}` && <Alert kind="error">{fieldError(ctx, failed.errors, 'session')}</Alert>}
      {!cancelled && (
        <Form ctx={ctx} action={`${base}/capacity`} idPrefix={`capacity-${s.id}`} class="inline-form">
          <Input
            name="capacity"
            label={ctx.t('events.admin.field.capacity')}
            value={cap.capacity}
            inputmode="numeric"
            error={fieldError(ctx, errorsOf(failed, `capacity-${s.id}`), 'capacity')}
            required
          />
          <button type="submit" class="secondary">
            {ctx.t('events.admin.setCapacity')}
          </button>
        </Form>
      )}
      {started && !cancelled && (
        <Form ctx={ctx} action={`${base}/recording`} idPrefix={`recording-${s.id}`} class="inline-form">
          <Input
            name="recordingUrl"
            type="url"
            label={ctx.t('events.admin.field.recording')}
            hint={ctx.t('events.admin.hint.recording')}
            value={rec.recordingUrl}
            error={fieldError(ctx, errorsOf(failed, `recording-${s.id}`), 'recordingUrl')}
          />
          <button type="submit" class="secondary">
            {ctx.t('events.admin.save')}
          </button>
        </Form>
      )}
      {started && !cancelled && (
        <Form ctx={ctx} action={`${base}/replay`} idPrefix={`replay-${s.id}`} class="inline-form">
          <button type="submit" class="secondary" aria-describedby={`replay-hint-${s.id}`}>
            {ctx.t('events.replay.create')}
          </button>
          <p class="hint" id={`replay-hint-${s.id}`}>
            {ctx.t('events.replay.hint')}
          </p>
        </Form>
      )}
      {!cancelled && (
        <details open={openChanges}>
          <summary>{ctx.t('events.admin.moveOrCancel')}</summary>
          <Form ctx={ctx} action={`${base}/move`} idPrefix={`move-${s.id}`} class="inline-form">
            <Input
              name="startsAt"
              type="datetime-local"
              label={ctx.t('events.admin.field.startsAt', { zone: ctx.timeZone })}
              value={move.startsAt}
              error={fieldError(ctx, errorsOf(failed, `move-${s.id}`), 'startsAt')}
              required
            />
            <Input
              name="endsAt"
              type="datetime-local"
              label={ctx.t('events.admin.field.endsAt', { zone: ctx.timeZone })}
              value={move.endsAt}
              error={fieldError(ctx, errorsOf(failed, `move-${s.id}`), 'endsAt')}
              required
            />
            <button type="submit" class="secondary">
              {ctx.t('events.admin.move')}
            </button>
          </Form>
          <p class="hint muted">{ctx.t('events.admin.hint.move')}</p>
          <Form ctx={ctx} action={`${base}/cancel`} idPrefix={`cancel-${s.id}`}>
            <div class="check">
              <input type="checkbox" id={`f-cancel-${s.id}-refund`} name="refund" value="yes" checked />
              <label for={`f-cancel-${s.id}-refund`}>{ctx.t('events.admin.refundAll')}</label>
            </div>
            <button type="submit" class="danger">
              {ctx.t('events.admin.cancelSession')}
            </button>
          </Form>
          {s.seats === 0 && s.taken === 0 && (
            <Form ctx={ctx} action={`${base}/delete`} class="actions">
              <button type="submit" class="link danger-link">
                {ctx.t('events.admin.deleteSession')}
              </button>
            </Form>
          )}
        </details>
      )}
    </div>
  );
}
