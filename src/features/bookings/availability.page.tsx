import type { LeaveKind } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { MessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { OverrideView } from './availability.js';
import { type FormErrors, MAX_ROWS, OVERRIDE_ROWS, timeText, weeklyField } from './availability-input.js';
import type { WeeklyWindow } from './slot-types.js';

/** The form that was sent and refused: its id, what was typed, the errors by field. */
export type FailedForm = {
  form: 'weekly' | 'override' | 'calendar';
  values: Record<string, string>;
  errors: FormErrors;
};

export type AvailabilityPageProps = {
  ctx: PageContext;
  weekly: WeeklyWindow[];
  overrides: OverrideView[];
  leave: { id: string; start_day: string; end_day: string; kind: LeaveKind; note: string }[];
  calendarUrl: string;
  failed?: FailedForm | undefined;
  notice?: string | undefined;
};

const BASE = '/admin/bookings/availability';
const tag = (ctx: PageContext) => (ctx.locale === 'de' ? 'de-DE' : 'en-GB');

/** A weekday's name (1 = Monday), from the runtime's calendar data. */
function weekdayName(ctx: PageContext, weekday: number): string {
  // 1 June 2026 is a Monday.
  return new Intl.DateTimeFormat(tag(ctx), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 5, weekday)),
  );
}

/** A day (YYYY-MM-DD) as the admin reads it: "Thu, 24 Dec 2026". */
function dayLabel(ctx: PageContext, day: string): string {
  return new Intl.DateTimeFormat(tag(ctx), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

const err = (ctx: PageContext, errors: FormErrors | undefined, name: string) => {
  const key = errors?.[name];
  return key ? ctx.t(key as MessageKey) : undefined;
};

/** A day's windows, each kept on one line: "10:00–12:00, 13:00–15:00". */
const hours = (windows: { startMinute: number; endMinute: number }[]) =>
  windows.map((w, k) => (
    <>
      {k > 0 && ', '}
      <span class="nowrap">{`${timeText(w.startMinute)}–${timeText(w.endMinute)}`}</span>
    </>
  ));

export function AvailabilityPage(props: AvailabilityPageProps) {
  const { ctx, failed, notice } = props;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('bookings.availability.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {failed && <Alert kind="error">{ctx.t('bookings.availability.error.form')}</Alert>}
      <p>{ctx.t('bookings.availability.intro', { zone: ctx.timeZone })}</p>
      <WeeklySection {...props} />
      <OverridesSection {...props} />
      <LeaveSection {...props} />
      <CalendarSection {...props} />
    </AdminLayout>
  );
}

/** Two time fields of a window, labelled for screen readers ("Monday, window 1 — From"). */
function WindowRow(props: {
  ctx: PageContext;
  label: string;
  startName: string;
  endName: string;
  start: string;
  end: string;
  error: string | undefined;
}) {
  const { ctx, label, startName, endName, start, end, error } = props;
  const errId = `${startName}-err`;
  const input = (name: string, value: string, edge: string) => (
    <>
      <label class="visually-hidden" for={`f-${name}`}>
        {`${label} — ${edge}`}
      </label>
      <input
        id={`f-${name}`}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="hh:mm"
        maxLength={5}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errId : undefined}
      />
    </>
  );
  return (
    <div class={error ? 'avail-row invalid' : 'avail-row'}>
      {input(startName, start, ctx.t('bookings.availability.from'))}
      <span aria-hidden="true">–</span>
      {input(endName, end, ctx.t('bookings.availability.to'))}
      {error && (
        <p class="error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

function WeeklySection({ ctx, weekly, failed }: AvailabilityPageProps) {
  const typed = failed?.form === 'weekly' ? failed.values : undefined;
  const errors = failed?.form === 'weekly' ? failed.errors : undefined;
  return (
    <section aria-labelledby="h-weekly" class="panel">
      <h2 id="h-weekly">{ctx.t('bookings.availability.weekly')}</h2>
      <p class="muted">{ctx.t('bookings.availability.weeklyHint')}</p>
      <Form ctx={ctx} action={`${BASE}/weekly`}>
        <div class="avail-week">
          {[1, 2, 3, 4, 5, 6, 7].map((weekday) => {
            const saved = weekly.filter((w) => w.weekday === weekday);
            const name = weekdayName(ctx, weekday);
            const typedRows = typed
              ? Array.from({ length: MAX_ROWS }, (_, r) => r).filter(
                  (r) => typed[weeklyField(weekday, r, 'start')] || typed[weeklyField(weekday, r, 'end')],
                )
              : [];
            const used = typed ? (typedRows.length ? Math.max(...typedRows) + 1 : 0) : saved.length;
            const rows = Math.min(MAX_ROWS, Math.max(2, used + 1));
            const dayError = err(ctx, errors, `w${weekday}`);
            return (
              <fieldset class={dayError ? 'avail-day invalid' : 'avail-day'}>
                <legend>
                  {name}
                  {saved.length === 0 && !typed && (
                    <span class="muted"> · {ctx.t('bookings.availability.closedDay')}</span>
                  )}
                </legend>
                {Array.from({ length: rows }, (_, r) => {
                  const s = weeklyField(weekday, r, 'start');
                  const e = weeklyField(weekday, r, 'end');
                  const w = saved[r];
                  return (
                    <WindowRow
                      ctx={ctx}
                      label={ctx.t('bookings.availability.rowLabel', { day: name, n: r + 1 })}
                      startName={s}
                      endName={e}
                      start={typed ? (typed[s] ?? '') : w ? timeText(w.startMinute) : ''}
                      end={typed ? (typed[e] ?? '') : w ? timeText(w.endMinute) : ''}
                      error={err(ctx, errors, `w${weekday}_${r}`)}
                    />
                  );
                })}
                {dayError && (
                  <p class="error" role="alert">
                    {dayError}
                  </p>
                )}
              </fieldset>
            );
          })}
        </div>
        <button type="submit">{ctx.t('bookings.availability.saveWeekly')}</button>
      </Form>
    </section>
  );
}

function OverridesSection({ ctx, overrides, failed }: AvailabilityPageProps) {
  const v = failed?.form === 'override' ? failed.values : { mode: 'closed' };
  const errors = failed?.form === 'override' ? failed.errors : undefined;
  const dayError = err(ctx, errors, 'day');
  const modeError = err(ctx, errors, 'mode');
  const windowsError = err(ctx, errors, 'windows');
  return (
    <section aria-labelledby="h-overrides" class="panel">
      <h2 id="h-overrides">{ctx.t('bookings.availability.overrides')}</h2>
      <p class="muted">{ctx.t('bookings.availability.overridesHint')}</p>
      {overrides.length === 0 ? (
        <p class="empty">{ctx.t('bookings.availability.noOverrides')}</p>
      ) : (
        <div class="table-wrap">
          <table class="avail-overrides">
            <thead>
              <tr>
                <th scope="col">{ctx.t('bookings.availability.col.day')}</th>
                <th scope="col">{ctx.t('bookings.availability.col.hours')}</th>
                <th scope="col">
                  <span class="visually-hidden">{ctx.t('bookings.availability.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {overrides.map((o) => (
                <tr>
                  <th scope="row">{dayLabel(ctx, o.day)}</th>
                  <td>
                    {o.closed ? ctx.t('bookings.availability.closed') : hours(o.windows)}
                    {o.note && <div class="muted small">{o.note}</div>}
                  </td>
                  <td>
                    <Form ctx={ctx} action={`${BASE}/overrides/${o.id}/delete`}>
                      <button
                        type="submit"
                        class="btn-secondary"
                        aria-label={ctx.t('bookings.availability.removeLabel', { day: dayLabel(ctx, o.day) })}
                      >
                        {ctx.t('bookings.availability.remove')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 id="h-add-override" class="avail-add">
        {ctx.t('bookings.availability.addOverride')}
      </h3>
      <Form ctx={ctx} action={`${BASE}/overrides`} class="avail-override-form">
        <div class={dayError ? 'field invalid' : 'field'}>
          <label for="f-day">{ctx.t('bookings.availability.field.day')}</label>
          <input
            id="f-day"
            name="day"
            type="date"
            value={v.day ?? ''}
            required
            aria-invalid={dayError ? 'true' : undefined}
            aria-describedby={dayError ? 'f-day-err' : undefined}
          />
          {dayError && (
            <p class="error" id="f-day-err">
              {dayError}
            </p>
          )}
        </div>
        <fieldset class={modeError ? 'choice invalid' : 'choice'}>
          <legend>{ctx.t('bookings.availability.field.mode')}</legend>
          {(['closed', 'hours'] as const).map((mode) => (
            <label class="check">
              <input type="radio" name="mode" value={mode} checked={v.mode === mode} />
              <span>{ctx.t(`bookings.availability.mode.${mode}`)}</span>
            </label>
          ))}
          {modeError && <p class="error">{modeError}</p>}
        </fieldset>
        <fieldset class={windowsError ? 'avail-day invalid' : 'avail-day'}>
          <legend>{ctx.t('bookings.availability.overrideHours')}</legend>
          {Array.from({ length: OVERRIDE_ROWS }, (_, k) => (
            <WindowRow
              ctx={ctx}
              label={ctx.t('bookings.availability.rowLabel', {
                day: ctx.t('bookings.availability.overrideHours'),
                n: k + 1,
              })}
              startName={`o${k}_start`}
              endName={`o${k}_end`}
              start={v[`o${k}_start`] ?? ''}
              end={v[`o${k}_end`] ?? ''}
              error={err(ctx, errors, `o${k}`)}
            />
          ))}
          {windowsError && (
            <p class="error" role="alert">
              {windowsError}
            </p>
          )}
        </fieldset>
        <div class="field">
          <label for="f-note">{ctx.t('bookings.availability.field.note')}</label>
          <input id="f-note" name="note" type="text" maxLength={200} value={v.note ?? ''} />
        </div>
        <button type="submit">{ctx.t('bookings.availability.saveOverride')}</button>
      </Form>
    </section>
  );
}

function LeaveSection({ ctx, leave }: AvailabilityPageProps) {
  return (
    <section aria-labelledby="h-leave" class="panel">
      <h2 id="h-leave">{ctx.t('bookings.availability.leave')}</h2>
      <p class="muted">{ctx.t('bookings.availability.leaveHint')}</p>
      {leave.length === 0 ? (
        <p class="empty">{ctx.t('bookings.availability.noLeave')}</p>
      ) : (
        <ul class="avail-leave">
          {leave.map((l) => (
            <li>
              {l.start_day === l.end_day
                ? dayLabel(ctx, l.start_day)
                : `${dayLabel(ctx, l.start_day)} – ${dayLabel(ctx, l.end_day)}`}
              {' · '}
              {ctx.t(`bookings.availability.leaveKind.${l.kind}`)}
              {l.note ? ` · ${l.note}` : ''}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/admin/analytics/effort">{ctx.t('bookings.availability.leaveLink')}</a>
      </p>
    </section>
  );
}

function CalendarSection({ ctx, calendarUrl, failed }: AvailabilityPageProps) {
  const typed = failed?.form === 'calendar' ? failed.values.calendarUrl : undefined;
  const error = failed?.form === 'calendar' ? err(ctx, failed.errors, 'calendarUrl') : undefined;
  const hintId = 'f-calendarUrl-hint';
  return (
    <section aria-labelledby="h-calendar" class="panel">
      <h2 id="h-calendar">{ctx.t('bookings.availability.calendar')}</h2>
      <Form ctx={ctx} action={`${BASE}/calendar`}>
        <div class={error ? 'field invalid' : 'field'}>
          <label for="f-calendarUrl">{ctx.t('bookings.availability.field.calendarUrl')}</label>
          <input
            id="f-calendarUrl"
            name="calendarUrl"
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder="https://calendar.google.com/calendar/ical/…/basic.ics"
            value={typed ?? calendarUrl}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={[hintId, error ? 'f-calendarUrl-err' : ''].filter(Boolean).join(' ')}
          />
          <p class="hint" id={hintId}>
            {ctx.t('bookings.availability.calendarHint')}
          </p>
          {error && (
            <p class="error" id="f-calendarUrl-err">
              {error}
            </p>
          )}
        </div>
        <button type="submit">{ctx.t('bookings.availability.saveCalendar')}</button>
      </Form>
    </section>
  );
}
