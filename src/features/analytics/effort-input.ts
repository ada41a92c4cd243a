import { createRequire } from 'node:module';
import type * as CsvParseSync from 'csv-parse/sync';
import { z } from 'zod';
import type { EffortCategory, LeaveKind } from '../../db/schema.js';
import { isIsoDay, readDay } from '../../domain/dates.js';
import { type AmountProblem, readAmount } from '../../domain/money.js';

// Loaded with the first pasted hours read, not at start.
const load = createRequire(import.meta.url);
let csvSync: typeof CsvParseSync | undefined;
function csvParseSync(): typeof CsvParseSync {
  csvSync ??= load('csv-parse/sync') as typeof CsvParseSync;
  return csvSync;
}

/** "2", "1.5", "1,25" or "1:30" hours → whole minutes; undefined when not a positive duration up to 24 h. */
export function parseHours(input: string): number | undefined {
  const s = input.trim();
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(s);
  if (clock) {
    const m = Number(clock[1]) * 60 + Number(clock[2]);
    return m > 0 && m <= 1440 ? m : undefined;
  }
  const dec = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!dec) return undefined;
  const hundredths = Number(dec[1]) * 100 + Number((dec[2] ?? '').padEnd(2, '0'));
  const minutes = Math.round((hundredths * 60) / 100);
  return minutes > 0 && minutes <= 1440 * 31 ? minutes : undefined;
}

/** Records of work and leave fall in these years; anything else is a typo that would stretch every chart. */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-12-31';

/** A record's day as typed ("2026-12-31" from a date field, or "31.12.2026"): a real day from 2000 to 2100. */
export function readRecordDay(input: string): string | undefined {
  const day = readDay(input);
  return day !== undefined && day >= FIRST_DAY && day <= LAST_DAY ? day : undefined;
}

/** Whether a stored day can be counted (rows from before days were checked may hold anything). */
export function isUsableDay(day: string): boolean {
  return isIsoDay(day) && day >= FIRST_DAY && day <= LAST_DAY;
}

/** Form fields arrive as text; anything else becomes '' and is judged like an empty field. */
const text = (max: number) => z.string().max(max).catch('').default('');
const NOTE_MAX = 200;

export const effortForm = z
  .object({ productId: text(100), day: text(40), hours: text(20), category: text(20), note: text(2000) })
  .catch({ productId: '', day: '', hours: '', category: '', note: '' });
export const clientWorkForm = z
  .object({ day: text(40), hours: text(20), amount: text(40), note: text(2000) })
  .catch({ day: '', hours: '', amount: '', note: '' });
export const leaveForm = z
  .object({ startDay: text(40), endDay: text(40), kind: text(20), note: text(2000) })
  .catch({ startDay: '', endDay: '', kind: '', note: '' });

export type EffortValues = z.infer<typeof effortForm>;
export type ClientWorkValues = z.infer<typeof clientWorkForm>;
export type LeaveValues = z.infer<typeof leaveForm>;

/**
 * What is wrong with a field: `analytics.effort.error.*` in messages.ts, or for an
 * amount `readAmount`'s own reason (its message says what to write instead).
 */
export type FieldError =
  | 'day'
  | 'hours'
  | 'empty'
  | 'note'
  | 'order'
  | 'product'
  | 'choice'
  | 'timeZone'
  | { amount: AmountProblem };
export type FieldErrorKeys = Partial<Record<string, FieldError>>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrorKeys };

const CATEGORIES = ['creation', 'update', 'support', 'delivery'] as const satisfies readonly EffortCategory[];
const LEAVE_KINDS = ['holiday', 'sick'] as const satisfies readonly LeaveKind[];
const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

function done<T>(errors: FieldErrorKeys, value: () => T): Checked<T> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: value() };
}

export function checkEffort(
  v: EffortValues,
): Checked<{ productId: string; day: string; minutes: number; category: EffortCategory; note: string }> {
  const errors: FieldErrorKeys = {};
  const day = readRecordDay(v.day);
  const minutes = parseHours(v.hours);
  const note = v.note.trim();
  if (!v.productId) errors.productId = 'product';
  if (day === undefined) errors.day = 'day';
  if (minutes === undefined) errors.hours = 'hours';
  if (!isOneOf(CATEGORIES, v.category)) errors.category = 'choice';
  if (note.length > NOTE_MAX) errors.note = 'note';
  return done(errors, () => ({
    productId: v.productId,
    day: day as string,
    minutes: minutes as number,
    category: v.category as EffortCategory,
    note,
  }));
}

export type ClientWorkInput = { day: string; minutes: number; amountMinor: number; note: string };

/** Hours and amount of one 1:1 entry; either may be zero but not both. */
export function checkClientWork(v: ClientWorkValues, currency: string, locale: string): Checked<ClientWorkInput> {
  const errors: FieldErrorKeys = {};
  const day = readRecordDay(v.day);
  const minutes = v.hours.trim() === '' ? 0 : parseHours(v.hours);
  const amount = v.amount.trim() === '' ? { ok: true as const, minor: 0 } : readAmount(v.amount, currency, locale);
  const note = v.note.trim();
  if (day === undefined) errors.day = 'day';
  if (minutes === undefined) errors.hours = 'hours';
  if (!amount.ok) errors.amount = { amount: amount.reason };
  if (minutes === 0 && amount.ok && amount.minor === 0) errors.hours = 'empty';
  if (note.length > NOTE_MAX) errors.note = 'note';
  return done(errors, () => ({
    day: day as string,
    minutes: minutes as number,
    amountMinor: amount.ok ? amount.minor : 0,
    note,
  }));
}

export function checkLeave(
  v: LeaveValues,
): Checked<{ startDay: string; endDay: string; kind: LeaveKind; note: string }> {
  const errors: FieldErrorKeys = {};
  const startDay = readRecordDay(v.startDay);
  const endDay = readRecordDay(v.endDay);
  const note = v.note.trim();
  if (startDay === undefined) errors.startDay = 'day';
  if (endDay === undefined) errors.endDay = 'day';
  else if (startDay !== undefined && endDay < startDay) errors.endDay = 'order';
  if (!isOneOf(LEAVE_KINDS, v.kind)) errors.kind = 'choice';
  if (note.length > NOTE_MAX) errors.note = 'note';
  return done(errors, () => ({
    startDay: startDay as string,
    endDay: endDay as string,
    kind: v.kind as LeaveKind,
    note,
  }));
}

/** Why a CSV line was not imported (see messages.ts, `analytics.effort.csv.*`). */
export const CSV_REASONS = ['columns', 'day', 'hours', 'amount', 'empty'] as const;
export type CsvReason = (typeof CSV_REASONS)[number];
export type RefusedLine = { line: number; reason: CsvReason };

function cellsOf(line: string, delimiter: string): string[] | undefined {
  try {
    const records = csvParseSync().parse(line, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
    return records[0];
  } catch {
    return undefined;
  }
}

/**
 * 1:1 work from CSV: date, hours, amount, note, separated by semicolons (as a
 * German spreadsheet writes them), tabs or commas (the first line decides);
 * quoted cells may hold the separator. A first line whose first cell has no
 * digit is a header. Every refused line is reported with its reason and its
 * number as in the file: counted from 1, the header and empty lines included.
 */
export function parseClientCsv(
  text: string,
  currency: string,
  locale: string,
): { rows: ClientWorkInput[]; refused: RefusedLine[] } {
  const rows: ClientWorkInput[] = [];
  const refused: RefusedLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const delimiter = first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
  let seenData = false;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const cells = cellsOf(line, delimiter);
    const isFirst = !seenData;
    seenData = true;
    if (!cells) {
      refused.push({ line: i + 1, reason: 'columns' });
      continue;
    }
    const [date = '', hours = '', amount = '', ...rest] = cells;
    if (isFirst && !/\d/.test(date)) continue; // the header
    const checked = checkClientWork(
      { day: date, hours, amount, note: rest.join(delimiter).slice(0, NOTE_MAX) },
      currency,
      locale,
    );
    if (checked.ok) {
      rows.push(checked.value);
      continue;
    }
    const e = checked.errors;
    refused.push({ line: i + 1, reason: e.day ? 'day' : e.hours === 'empty' ? 'empty' : e.hours ? 'hours' : 'amount' });
  }
  return { rows, refused };
}
