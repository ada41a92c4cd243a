import { z } from 'zod';
import type { EventFormat, EventRow, EventWithdrawalRule, TicketScope } from '../../db/schema.js';
import { formatAmountInput, readAmount } from '../../domain/money.js';
import { amountErrorKey } from '../../web/amount-errors.js';
import type { MessageKey } from '../../web/messages.js';
import { localInputToUtc, utcToLocalInput } from '../posts/local-time.js';
import type { EventSettingsInput, TicketTypeInput } from './edit-event.js';

/**
 * Reading the event editor's forms: what the creator typed, checked as what
 * it is. Times are typed on the store's clock and stored as UTC; amounts are
 * typed the way the admin's language writes them; an empty optional field
 * means the default.
 */

export type FormErrors = Partial<Record<string, MessageKey>>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

const text = (max: number) =>
  z
    .string()
    .max(max)
    .default('')
    .transform((s) => s.trim());

export const FORMATS = ['online', 'onsite'] as const satisfies readonly EventFormat[];
export const SCOPES = ['session', 'all'] as const satisfies readonly TicketScope[];
export const WITHDRAWAL_RULES = ['leisure', 'service'] as const satisfies readonly EventWithdrawalRule[];
export const DEFAULT_OFFER_HOURS = 24;

const oneOf = <T extends string>(list: readonly T[], v: string): T | undefined =>
  (list as readonly string[]).includes(v) ? (v as T) : undefined;

export const titleForm = z.object({ title: text(120) });

export const detailsForm = z.object({
  title: text(2000),
  summary: text(5000),
  description: z.string().max(200_000).default(''),
  status: text(20),
});
export type DetailsForm = z.infer<typeof detailsForm>;

export const settingsForm = z.object({
  format: text(20),
  meetingUrl: text(2000),
  venue: z.string().max(2000).default(''),
  ticketScope: text(20),
  withdrawalRule: text(20),
  salesEnd: text(40),
  offerHours: text(10),
});
export type SettingsForm = z.infer<typeof settingsForm>;

export function settingsFormOf(e: EventRow, timeZone: string): SettingsForm {
  return {
    format: e.format,
    meetingUrl: e.meeting_url ?? '',
    venue: e.venue,
    ticketScope: e.ticket_scope,
    withdrawalRule: e.withdrawal_rule,
    salesEnd: e.sales_end_at ? utcToLocalInput(e.sales_end_at, timeZone) : '',
    offerHours: String(e.offer_hours),
  };
}

/** An http(s) address, or undefined. */
export function readUrl(value: string): string | undefined {
  if (value.length > 2000) return undefined;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A whole number from `min` to `max` as typed (no signs, no decimals), or undefined. */
export function readCount(value: string, min: number, max: number): number | undefined {
  if (!/^\d{1,7}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

export function checkSettings(form: SettingsForm, timeZone: string): Checked<EventSettingsInput> {
  const errors: FormErrors = {};
  const format = oneOf(FORMATS, form.format);
  if (!format) errors.format = 'events.admin.error.choose';
  const ticketScope = oneOf(SCOPES, form.ticketScope);
  if (!ticketScope) errors.ticketScope = 'events.admin.error.choose';
  const withdrawalRule = oneOf(WITHDRAWAL_RULES, form.withdrawalRule);
  if (!withdrawalRule) errors.withdrawalRule = 'events.admin.error.choose';
  let meetingUrl: string | null = null;
  if (form.meetingUrl) {
    meetingUrl = readUrl(form.meetingUrl) ?? null;
    if (!meetingUrl) errors.meetingUrl = 'events.admin.error.url';
  }
  const venue = form.venue.replace(/\r\n/g, '\n').trim();
  if (format === 'onsite' && !venue) errors.venue = 'events.admin.error.venue';
  let salesEndAt: string | null = null;
  if (form.salesEnd) {
    const at = localInputToUtc(form.salesEnd, timeZone);
    if (!at) errors.salesEnd = 'events.admin.error.dateTime';
    else salesEndAt = at.toISOString();
  }
  const offerHours = form.offerHours ? readCount(form.offerHours, 1, 168) : DEFAULT_OFFER_HOURS;
  if (offerHours === undefined) errors.offerHours = 'events.admin.error.offerHours';
  if (Object.keys(errors).length > 0 || !format || !ticketScope || !withdrawalRule || offerHours === undefined)
    return { ok: false, errors };
  return { ok: true, value: { format, venue, meetingUrl, ticketScope, withdrawalRule, salesEndAt, offerHours } };
}

export const ticketTypeForm = z.object({ name: text(200), price: text(100), availableUntil: text(40) });
export type TicketTypeForm = z.infer<typeof ticketTypeForm>;

export function ticketTypeFormOf(
  t: { name: string; price_minor: number; available_until: string | null },
  currency: string,
  locale: string,
  timeZone: string,
): TicketTypeForm {
  return {
    name: t.name,
    price: formatAmountInput(t.price_minor, currency, locale),
    availableUntil: t.available_until ? utcToLocalInput(t.available_until, timeZone) : '',
  };
}

/** A ticket type: name, price in the store's currency as the admin writes it (empty: free), sold until (optional). */
export function checkTicketType(
  form: TicketTypeForm,
  currency: string,
  locale: string,
  timeZone: string,
): Checked<TicketTypeInput> {
  const errors: FormErrors = {};
  if (!form.name) errors.name = 'events.admin.error.name';
  else if (form.name.length > 80) errors.name = 'events.admin.error.nameLength';
  let priceMinor = 0;
  if (form.price) {
    const p = readAmount(form.price, currency, locale);
    if (p.ok) priceMinor = p.minor;
    else errors.price = amountErrorKey(p.reason, currency);
  }
  let availableUntil: string | null = null;
  if (form.availableUntil) {
    const at = localInputToUtc(form.availableUntil, timeZone);
    if (!at) errors.availableUntil = 'events.admin.error.dateTime';
    else availableUntil = at.toISOString();
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name: form.name, priceMinor, availableUntil } };
}

export const MAX_CAPACITY = 100_000;
export const MAX_REPEAT = 52;

export const sessionForm = z.object({
  date: text(20),
  start: text(10),
  end: text(10),
  duration: text(10),
  capacity: text(10),
  repeat: text(10),
});
export type SessionForm = z.infer<typeof sessionForm>;

export type SessionTimes = { startsAt: string; endsAt: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The calendar day `days` after `date` (YYYY-MM-DD): a day count on the calendar, no clock involved. */
export function addDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/**
 * A session's times, repeated weekly `count` times: each week keeps the wall
 * time on the store's clock (10:00 stays 10:00 across a daylight-saving change),
 * because every date is converted on its own with that day's offset.
 */
export function weeklySessions(
  first: { date: string; start: string; end?: string; durationMinutes?: number },
  count: number,
  timeZone: string,
): SessionTimes[] | undefined {
  const out: SessionTimes[] = [];
  for (let week = 0; week < count; week++) {
    const day = addDays(first.date, week * 7);
    const start = localInputToUtc(`${day}T${first.start}`, timeZone);
    if (!start) return undefined;
    const end = first.end
      ? localInputToUtc(`${day}T${first.end}`, timeZone)
      : new Date(start.getTime() + (first.durationMinutes ?? 0) * 60_000);
    if (!end || end <= start) return undefined;
    out.push({ startsAt: start.toISOString(), endsAt: end.toISOString() });
  }
  return out;
}

/** New sessions (one, or a weekly series) with their capacity. */
export function checkSession(
  form: SessionForm,
  timeZone: string,
): Checked<{ sessions: SessionTimes[]; capacity: number }> {
  const errors: FormErrors = {};
  const dateOk = DATE.test(form.date) && localInputToUtc(`${form.date}T00:00`, timeZone) !== undefined;
  if (!dateOk) errors.date = 'events.admin.error.date';
  if (!TIME.test(form.start)) errors.start = 'events.admin.error.time';
  let durationMinutes: number | undefined;
  if (form.end) {
    if (!TIME.test(form.end)) errors.end = 'events.admin.error.time';
    else if (TIME.test(form.start) && form.end <= form.start) errors.end = 'events.admin.error.endBeforeStart';
  } else if (form.duration) {
    durationMinutes = readCount(form.duration, 1, 24 * 60);
    if (durationMinutes === undefined) errors.duration = 'events.admin.error.duration';
  } else errors.end = 'events.admin.error.endOrDuration';
  const capacity = readCount(form.capacity, 1, MAX_CAPACITY);
  if (capacity === undefined) errors.capacity = 'events.admin.error.capacity';
  const repeat = form.repeat ? readCount(form.repeat, 1, MAX_REPEAT) : 1;
  if (repeat === undefined) errors.repeat = 'events.admin.error.repeat';
  if (Object.keys(errors).length > 0 || capacity === undefined || repeat === undefined) return { ok: false, errors };
  const sessions = weeklySessions(
    { date: form.date, start: form.start, ...(form.end ? { end: form.end } : { durationMinutes }) },
    repeat,
    timeZone,
  );
  if (!sessions) return { ok: false, errors: { start: 'events.admin.error.time' } };
  return { ok: true, value: { sessions, capacity } };
}

export const capacityForm = z.object({ capacity: text(10) });

export const moveForm = z.object({ startsAt: text(40), endsAt: text(40) });
export type MoveForm = z.infer<typeof moveForm>;

export function checkMove(form: MoveForm, timeZone: string): Checked<SessionTimes> {
  const start = localInputToUtc(form.startsAt, timeZone);
  const end = localInputToUtc(form.endsAt, timeZone);
  const errors: FormErrors = {};
  if (!start) errors.startsAt = 'events.admin.error.dateTime';
  if (!end) errors.endsAt = 'events.admin.error.dateTime';
  else if (start && end <= start) errors.endsAt = 'events.admin.error.endBeforeStart';
  if (!start || !end || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { startsAt: start.toISOString(), endsAt: end.toISOString() } };
}

export const cancelForm = z.object({ refund: z.string().max(10).optional() });

export const recordingForm = z.object({ recordingUrl: text(2000) });

export const messageForm = z.object({
  session: text(60),
  subject: text(500),
  body: z.string().max(20_000).default(''),
});
export type MessageForm = z.infer<typeof messageForm>;

export function checkMessage(
  form: MessageForm,
  sessionIds: ReadonlySet<string>,
): Checked<{ sessionId: string | null; subject: string; body: string }> {
  const errors: FormErrors = {};
  if (form.session && !sessionIds.has(form.session)) errors.session = 'events.admin.error.choose';
  if (!form.subject) errors.subject = 'events.admin.error.subject';
  else if (form.subject.length > 200) errors.subject = 'events.admin.error.subjectLength';
  const body = form.body.replace(/\r\n/g, '\n').trim();
  if (!body) errors.body = 'events.admin.error.body';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { sessionId: form.session || null, subject: form.subject, body } };
}
