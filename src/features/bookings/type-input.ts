import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { BookingLocation, BookingType } from '../../db/schema.js';
import type { MessageKey } from '../../web/messages.js';
import { readCount, readUrl } from '../events/event-input.js';
import type { BookingQuestion, BookingTypeInput } from './edit-booking-type.js';
import { questionsOf } from './questions.js';

/**
 * Reading the session type editor's forms: every number checked as what it
 * is (whole minutes, hours or days within sensible bounds), an empty optional
 * field meaning the default; the place by its kind; the questions one per line.
 */

export type FormErrors = Partial<Record<string, MessageKey>>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

const text = (max: number) =>
  z
    .string()
    .max(max)
    .default('')
    .transform((s) => s.trim());

export const LOCATIONS = ['online', 'phone', 'onsite'] as const satisfies readonly BookingLocation[];

/** Bounds and defaults (the defaults are the table's). */
export const LIMITS = {
  duration: { min: 5, max: 480 },
  buffer: { min: 0, max: 240, default: 0 },
  noticeHours: { min: 0, max: 720, default: 12 },
  horizonDays: { min: 1, max: 365, default: 60 },
  dailyCap: { min: 1, max: 50 },
  weeklyCap: { min: 1, max: 200 },
  step: { min: 5, max: 240, default: 30 },
  cancelHours: { min: 0, max: 720, default: 24 },
  questions: { max: 10, label: 200 },
} as const;

export const titleForm = z.object({ title: text(120) });

export const detailsForm = z.object({
  title: text(2000),
  summary: text(5000),
  description: z.string().max(200_000).default(''),
  status: text(20),
  pricing: text(20),
  price: text(100),
  minPrice: text(100),
  suggestedPrice: text(100),
});
export type DetailsForm = z.infer<typeof detailsForm>;

export const settingsForm = z.object({
  duration: text(20),
  bufferBefore: text(20),
  bufferAfter: text(20),
  noticeHours: text(20),
  horizonDays: text(20),
  dailyCap: text(20),
  weeklyCap: text(20),
  step: text(20),
  location: text(20),
  meetingUrl: text(2000),
  phoneNote: text(2000),
  address: z.string().max(2000).default(''),
  cancelHours: text(20),
  questions: z.string().max(10_000).default(''),
});
export type SettingsForm = z.infer<typeof settingsForm>;

/** A question per line; " *" at its end marks a required one. */
export function questionsText(questions: readonly BookingQuestion[]): string {
  return questions.map((q) => (q.required ? `${q.label} *` : q.label)).join('\n');
}

export function settingsFormOf(t: BookingType): SettingsForm {
  const detail = t.location_detail;
  return {
    duration: String(t.duration_minutes),
    bufferBefore: String(t.buffer_before_minutes),
    bufferAfter: String(t.buffer_after_minutes),
    noticeHours: String(Math.ceil(t.min_notice_minutes / 60)),
    horizonDays: String(t.horizon_days),
    dailyCap: t.daily_cap === null ? '' : String(t.daily_cap),
    weeklyCap: t.weekly_cap === null ? '' : String(t.weekly_cap),
    step: String(t.slot_step_minutes),
    location: t.location,
    meetingUrl: t.location === 'online' ? detail : '',
    phoneNote: t.location === 'phone' ? detail : '',
    address: t.location === 'onsite' ? detail : '',
    cancelHours: String(t.free_cancel_hours),
    questions: questionsText(questionsOf(t)),
  };
}

/**
 * The questions as typed, one per line (" *" at the end: required). A
 * question whose text stays keeps its id, so answers already given stay
 * with it; a new one gets a new id.
 */
export function readQuestions(
  typed: string,
  existing: readonly BookingQuestion[],
): { ok: true; value: BookingQuestion[] } | { ok: false; error: MessageKey } {
  const lines = typed
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (lines.length > LIMITS.questions.max) return { ok: false, error: 'bookings.admin.error.questionsCount' };
  const byLabel = new Map(existing.map((q) => [q.label.toLowerCase(), q.id]));
  const used = new Set<string>();
  const out: BookingQuestion[] = [];
  for (const line of lines) {
    const required = /\s\*$/.test(line) || line === '*';
    const label = (required ? line.replace(/\s*\*$/, '') : line).trim();
    if (!label) return { ok: false, error: 'bookings.admin.error.questionEmpty' };
    if (label.length > LIMITS.questions.label) return { ok: false, error: 'bookings.admin.error.questionLength' };
    if (used.has(label.toLowerCase())) return { ok: false, error: 'bookings.admin.error.questionTwice' };
    used.add(label.toLowerCase());
    const id = byLabel.get(label.toLowerCase()) ?? randomBytes(6).toString('base64url');
    out.push({ id, label, required });
  }
  return { ok: true, value: out };
}

/** A whole number within bounds, or the default when left empty; `null` default: no value (no cap). */
function readNumber<D extends number | null>(
  value: string,
  bounds: { min: number; max: number },
  fallback: D,
): number | D | undefined {
  if (!value) return fallback;
  return readCount(value, bounds.min, bounds.max);
}

export function checkSettings(form: SettingsForm, existing: readonly BookingQuestion[]): Checked<BookingTypeInput> {
  const errors: FormErrors = {};
  const L = LIMITS;

  const duration = readCount(form.duration, L.duration.min, L.duration.max);
  if (!form.duration) errors.duration = 'bookings.admin.error.durationRequired';
  else if (duration === undefined || duration % 5 !== 0) errors.duration = 'bookings.admin.error.duration';

  const bufferBefore = readNumber(form.bufferBefore, L.buffer, L.buffer.default);
  if (bufferBefore === undefined) errors.bufferBefore = 'bookings.admin.error.buffer';
  const bufferAfter = readNumber(form.bufferAfter, L.buffer, L.buffer.default);
  if (bufferAfter === undefined) errors.bufferAfter = 'bookings.admin.error.buffer';
  const noticeHours = readNumber(form.noticeHours, L.noticeHours, L.noticeHours.default);
  if (noticeHours === undefined) errors.noticeHours = 'bookings.admin.error.noticeHours';
  const horizonDays = readNumber(form.horizonDays, L.horizonDays, L.horizonDays.default);
  if (horizonDays === undefined) errors.horizonDays = 'bookings.admin.error.horizonDays';
  const dailyCap = readNumber(form.dailyCap, L.dailyCap, null);
  if (dailyCap === undefined) errors.dailyCap = 'bookings.admin.error.dailyCap';
  const weeklyCap = readNumber(form.weeklyCap, L.weeklyCap, null);
  if (weeklyCap === undefined) errors.weeklyCap = 'bookings.admin.error.weeklyCap';
  else if (weeklyCap !== null && typeof dailyCap === 'number' && weeklyCap < dailyCap)
    errors.weeklyCap = 'bookings.admin.error.weeklyBelowDaily';
  const step = readNumber(form.step, L.step, L.step.default);
  if (step === undefined || step % 5 !== 0) errors.step = 'bookings.admin.error.step';
  const cancelHours = readNumber(form.cancelHours, L.cancelHours, L.cancelHours.default);
  if (cancelHours === undefined) errors.cancelHours = 'bookings.admin.error.cancelHours';

  const location = (LOCATIONS as readonly string[]).includes(form.location)
    ? (form.location as BookingLocation)
    : undefined;
  let locationDetail = '';
  if (!location) errors.location = 'bookings.admin.error.choose';
  else if (location === 'online') {
    const url = form.meetingUrl ? readUrl(form.meetingUrl) : undefined;
    if (!form.meetingUrl) errors.meetingUrl = 'bookings.admin.error.meetingUrlRequired';
    else if (!url) errors.meetingUrl = 'bookings.admin.error.url';
    else locationDetail = url;
  } else if (location === 'onsite') {
    locationDetail = form.address
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
    if (!locationDetail) errors.address = 'bookings.admin.error.address';
  } else locationDetail = form.phoneNote;

  const questions = readQuestions(form.questions, existing);
  if (!questions.ok) errors.questions = questions.error;

  if (
    Object.keys(errors).length > 0 ||
    duration === undefined ||
    bufferBefore === undefined ||
    bufferAfter === undefined ||
    noticeHours === undefined ||
    horizonDays === undefined ||
    dailyCap === undefined ||
    weeklyCap === undefined ||
    step === undefined ||
    cancelHours === undefined ||
    !location ||
    !questions.ok
  )
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      durationMinutes: duration,
      bufferBeforeMinutes: bufferBefore,
      bufferAfterMinutes: bufferAfter,
      minNoticeMinutes: noticeHours * 60,
      horizonDays,
      dailyCap,
      weeklyCap,
      slotStepMinutes: step,
      location,
      locationDetail,
      questions: questions.value,
      freeCancelHours: cancelHours,
    },
  };
}

/** A booking's new start as typed on the store's clock. */
export const moveForm = z.object({ startsAt: text(40) });
export const cancelForm = z.object({ refund: z.string().max(10).optional() });
