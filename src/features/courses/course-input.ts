import { z } from 'zod';
import type { CourseLesson, CourseModule, UnlockKind } from '../../db/schema.js';
import type { MessageKey } from '../../web/messages.js';
import { isValidSlug } from '../catalog/slug.js';
import { localInputToUtc, utcToLocalInput } from '../posts/local-time.js';
import type { LessonInput, UnlockInput } from './edit-course.js';

/** Reading the course editor's forms: what the creator typed, checked as what it is. */

export const UNLOCK_KINDS = [
  'immediate',
  'after_days',
  'after_first_access',
  'at',
  'after_lesson',
] as const satisfies readonly UnlockKind[];

const text = (max: number) =>
  z
    .string()
    .max(max)
    .default('')
    .transform((s) => s.trim());

export const unlockForm = z.object({
  unlockKind: z.string().default('immediate'),
  unlockDays: text(10),
  unlockAt: text(40),
  unlockAfter: text(60),
});
export type UnlockForm = z.infer<typeof unlockForm>;
export type FormErrors = Partial<Record<string, MessageKey>>;

export function unlockFormOf(
  row: Pick<CourseModule | CourseLesson, 'unlock_kind' | 'unlock_days' | 'unlock_at' | 'unlock_after_lesson_id'>,
  timeZone: string,
): UnlockForm {
  return {
    unlockKind: row.unlock_kind,
    unlockDays: row.unlock_days === null ? '' : String(row.unlock_days),
    unlockAt: row.unlock_at ? utcToLocalInput(row.unlock_at, timeZone) : '',
    unlockAfter: row.unlock_after_lesson_id ?? '',
  };
}

/** The drip rule, or the field errors; `lessonIds` are the course's lessons a rule may wait for. */
export function checkUnlock(
  form: UnlockForm,
  timeZone: string,
  lessonIds: ReadonlySet<string>,
): { ok: true; unlock: UnlockInput } | { ok: false; errors: FormErrors } {
  const kind = (UNLOCK_KINDS as readonly string[]).includes(form.unlockKind)
    ? (form.unlockKind as UnlockKind)
    : undefined;
  if (!kind) return { ok: false, errors: { unlockKind: 'courses.error.unlockKind' } };
  const none: UnlockInput = { kind, days: null, at: null, afterLessonId: null };
  switch (kind) {
    case 'immediate':
      return { ok: true, unlock: none };
    case 'after_days':
    case 'after_first_access': {
      const days = /^\d{1,4}$/.test(form.unlockDays) ? Number(form.unlockDays) : Number.NaN;
      if (!(days >= 0 && days <= 3650)) return { ok: false, errors: { unlockDays: 'courses.error.days' } };
      return { ok: true, unlock: { ...none, days } };
    }
    case 'at': {
      const at = localInputToUtc(form.unlockAt, timeZone);
      if (!at) return { ok: false, errors: { unlockAt: 'courses.error.at' } };
      return { ok: true, unlock: { ...none, at: at.toISOString() } };
    }
    case 'after_lesson':
      if (!lessonIds.has(form.unlockAfter)) return { ok: false, errors: { unlockAfter: 'courses.error.afterLesson' } };
      return { ok: true, unlock: { ...none, afterLessonId: form.unlockAfter } };
  }
}

export const lessonForm = unlockForm.extend({
  title: text(200),
  slug: text(80),
  body: z.string().max(200_000).default(''),
  freePreview: z.string().optional(),
  status: z.string().default('draft'),
});
export type LessonForm = z.infer<typeof lessonForm>;

export function lessonFormOf(lesson: CourseLesson, timeZone: string): LessonForm {
  return {
    ...unlockFormOf(lesson, timeZone),
    title: lesson.title,
    slug: lesson.slug,
    body: lesson.body_md,
    freePreview: lesson.free_preview === 1 ? 'yes' : undefined,
    status: lesson.status,
  };
}

export function checkLesson(
  form: LessonForm,
  timeZone: string,
  otherLessonIds: ReadonlySet<string>,
): { ok: true; input: LessonInput } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  if (!form.title) errors.title = 'courses.error.title';
  if (!isValidSlug(form.slug)) errors.slug = 'courses.error.slug';
  if (form.status !== 'draft' && form.status !== 'published') errors.status = 'courses.error.status';
  const unlock = checkUnlock(form, timeZone, otherLessonIds);
  if (!unlock.ok) Object.assign(errors, unlock.errors);
  if (Object.keys(errors).length > 0 || !unlock.ok) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title: form.title,
      slug: form.slug,
      bodyMd: form.body,
      freePreview: form.freePreview === 'yes',
      status: form.status as 'draft' | 'published',
      unlock: unlock.unlock,
    },
  };
}

export const settingsForm = z.object({
  tiers: z.union([z.string(), z.array(z.string())]).optional(),
  studyHours: text(10),
  certificate: z.string().optional(),
});

/** Hours as typed ("2,5" or "2.5"; empty: none) → whole minutes, or undefined for anything else. */
export function readHours(value: string): number | undefined {
  if (value === '') return 0;
  if (!/^\d{1,4}([.,]\d{1,2})?$/.test(value)) return undefined;
  return Math.round(Number(value.replace(',', '.')) * 60);
}
