import { z } from 'zod';
import type { QuizQuestionKind } from '../../db/schema.js';
import type { MessageKey } from '../../web/messages.js';
import type { QuizQuestionRow } from './queries.js';

/** Answer slots in the question form; empty ones are left out. */
export const OPTION_SLOTS = 6;

type Errors<K extends string> = Partial<Record<K, MessageKey>>;

const text = (max: number) => z.string().max(max).default('');
const list = z.union([z.string().max(2000), z.array(z.string().max(2000)).max(50)]).default([]);
const asList = (v: string | string[]) => (typeof v === 'string' ? [v] : v);

// ---- settings: pass mark, attempt limit, required

const settingsSchema = z.object({ passPercent: text(20), maxAttempts: text(20), required: text(10) });
export type QuizSettingsForm = z.infer<typeof settingsSchema>;
export type QuizSettingsInput = { passPercent: number; maxAttempts: number | null; required: boolean };
export type QuizSettingsErrors = Errors<'passPercent' | 'maxAttempts'>;

/** Raw fields with defaults: bad input re-renders the form, never a bare 400. */
export function parseSettingsForm(body: unknown): QuizSettingsForm {
  const parsed = settingsSchema.safeParse(body ?? {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export const defaultSettingsForm = (): QuizSettingsForm => ({ passPercent: '70', maxAttempts: '', required: '' });

export function settingsFormOf(quiz: QuizSettingsInput | null): QuizSettingsForm {
  if (!quiz) return defaultSettingsForm();
  return {
    passPercent: String(quiz.passPercent),
    maxAttempts: quiz.maxAttempts === null ? '' : String(quiz.maxAttempts),
    required: quiz.required ? '1' : '',
  };
}

const wholeNumber = (v: string) => (/^\s*\d{1,6}\s*$/.test(v) ? Number(v) : Number.NaN);

export function checkSettingsForm(
  form: QuizSettingsForm,
): { ok: true; input: QuizSettingsInput } | { ok: false; errors: QuizSettingsErrors } {
  const errors: QuizSettingsErrors = {};
  const pass = wholeNumber(form.passPercent.replace('%', ''));
  if (!(pass >= 1 && pass <= 100)) errors.passPercent = 'courseQuizzes.error.passPercent';
  const blank = form.maxAttempts.trim() === '';
  const max = blank ? null : wholeNumber(form.maxAttempts);
  if (max !== null && !(max >= 1 && max <= 100)) errors.maxAttempts = 'courseQuizzes.error.maxAttempts';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { passPercent: pass, maxAttempts: max, required: form.required !== '' } };
}

// ---- one question: prompt, kind, up to OPTION_SLOTS answers with their "right" ticks

const questionSchema = z.object({ prompt: text(5000), kind: text(20), option: list, correct: list });
export type QuestionForm = { prompt: string; kind: string; options: string[]; correct: string[] };
export type QuestionInput = {
  prompt: string;
  kind: QuizQuestionKind;
  options: { label: string; correct: boolean }[];
};
export type QuestionErrors = Errors<'prompt' | 'kind' | 'options' | 'correct'>;

export function parseQuestionForm(body: unknown): QuestionForm {
  const parsed = questionSchema.safeParse(body ?? {});
  const data = parsed.success ? parsed.data : questionSchema.parse({});
  const options = asList(data.option).slice(0, OPTION_SLOTS);
  while (options.length < OPTION_SLOTS) options.push('');
  return { prompt: data.prompt, kind: data.kind, options, correct: asList(data.correct) };
}

export const emptyQuestionForm = (): QuestionForm => ({
  prompt: '',
  kind: 'single',
  options: Array.from({ length: OPTION_SLOTS }, () => ''),
  correct: [],
});

export function questionFormOf(q: QuizQuestionRow): QuestionForm {
  const options = q.options.map((o) => o.label).slice(0, OPTION_SLOTS);
  while (options.length < OPTION_SLOTS) options.push('');
  return {
    prompt: q.prompt,
    kind: q.kind,
    options,
    correct: q.options.flatMap((o, i) => (o.correct ? [String(i)] : [])),
  };
}

/**
 * A question needs a prompt, a kind, at least two answers with text, at
 * least one ticked right (exactly one for single choice), and no tick on an
 * empty slot. Answers keep the slots' order; empty slots drop out.
 */
export function checkQuestionForm(
  form: QuestionForm,
): { ok: true; input: QuestionInput } | { ok: false; errors: QuestionErrors } {
  const errors: QuestionErrors = {};
  const prompt = form.prompt.trim();
  if (prompt === '' || prompt.length > 2000) errors.prompt = 'courseQuizzes.error.prompt';
  const kind = form.kind === 'single' || form.kind === 'multiple' ? form.kind : undefined;
  if (!kind) errors.kind = 'courseQuizzes.error.kind';
  const ticked = new Set(form.correct);
  const slots = form.options.map((label, i) => ({ label: label.trim(), correct: ticked.has(String(i)) }));
  const options = slots.filter((o) => o.label !== '');
  if (options.length < 2 || options.some((o) => o.label.length > 500)) errors.options = 'courseQuizzes.error.options';
  const right = options.filter((o) => o.correct).length;
  if (slots.some((o) => o.correct && o.label === '')) errors.correct = 'courseQuizzes.error.correctEmpty';
  else if (right === 0) errors.correct = 'courseQuizzes.error.correctNone';
  else if (kind === 'single' && right > 1) errors.correct = 'courseQuizzes.error.correctSingle';
  if (Object.keys(errors).length > 0 || !kind) return { ok: false, errors };
  return { ok: true, input: { prompt, kind, options } };
}

// ---- a student's answers: fields `a-<question id>`, one value (radio) or several (checkboxes)

const ANSWER_FIELD = /^a-([0-9a-f-]{36})$/;

/** The ticked option ids per question from a submitted form; anything else is ignored. */
export function parseAnswers(body: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const m = ANSWER_FIELD.exec(key);
    if (!m?.[1]) continue;
    const values = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string' && v.length <= 64,
    );
    out[m[1]] = values.slice(0, 50);
  }
  return out;
}

export const answerField = (questionId: string) => `a-${questionId}`;
