import { z } from 'zod';

/** Longest question a student may ask, and longest answer, in characters (after trimming). */
export const QUESTION_MAX = 2000;
export const ANSWER_MAX = 5000;
/** Questions one enrolment may ask within an hour. */
export const QUESTIONS_PER_HOUR = 10;

const bodyForm = z.object({ body: z.string().max(100_000).catch('') }).catch({ body: '' });

/** The text as typed: line breaks made \n, trailing blanks and blank lines at either end removed. */
export function normaliseText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

export type TextCheck = { ok: true; text: string } | { ok: false; typed: string };

/**
 * The `body` field of a question or answer form: never throws (a missing or
 * odd field reads as empty); refused when empty or longer than `max`, with
 * what was typed to show again.
 */
export function readBody(body: unknown, max: number): TextCheck {
  const typed = bodyForm.parse(body ?? {}).body;
  const text = normaliseText(typed);
  if (text === '' || text.length > max) return { ok: false, typed: typed.slice(0, max * 2) };
  return { ok: true, text };
}

/** Lines of a stored text (for emails: one paragraph a line, blank lines dropped). */
export function textLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** What other students see of the asker: the first name given at enrolment, if any. */
export function shownName(enrolmentName: string): string | null {
  const first = enrolmentName.trim().split(/\s+/)[0] ?? '';
  return first === '' ? null : first.slice(0, 60);
}
