import { z } from 'zod';
import { readAmount } from '../../domain/money.js';

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

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const note = z.string().trim().max(200).default('');

export const effortForm = z.object({
  productId: z.string().min(1).max(100),
  day,
  hours: z.string().max(10),
  category: z.enum(['creation', 'update', 'support']),
  note,
});

export const clientWorkForm = z.object({
  day,
  hours: z.string().max(10).default(''),
  amount: z.string().max(20).default(''),
  note,
});

export const leaveForm = z.object({ startDay: day, endDay: day, kind: z.enum(['holiday', 'sick']), note });

export type ClientWorkInput = { day: string; minutes: number; amountMinor: number; note: string };

/** Hours and amount of one 1:1 entry; either may be zero but not both. */
export function readClientWork(
  v: { day: string; hours: string; amount: string; note: string },
  currency: string,
): ClientWorkInput | undefined {
  const minutes = v.hours.trim() === '' ? 0 : parseHours(v.hours);
  const amount = v.amount.trim() === '' ? { ok: true as const, minor: 0 } : readAmount(v.amount, currency);
  if (minutes === undefined || !amount.ok || (minutes === 0 && amount.minor === 0)) return undefined;
  return { day: v.day, minutes, amountMinor: amount.minor, note: v.note };
}

/**
 * 1:1 work from CSV (date, hours, amount, note; comma or semicolon separated,
 * a header line is skipped). Returns the good rows and the line numbers that could not be read.
 */
export function parseClientCsv(text: string, currency: string): { rows: ClientWorkInput[]; bad: number[] } {
  const rows: ClientWorkInput[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const sep = line.includes(';') ? ';' : ',';
    const cells = line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const [date = '', hours = '', amount = '', ...rest] = cells;
    if (i === 0 && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return; // header
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date)
      ? readClientWork({ day: date, hours, amount, note: rest.join(sep).slice(0, 200) }, currency)
      : undefined;
    if (parsed) rows.push(parsed);
    else bad.push(i + 1);
  });
  return { rows, bad };
}
